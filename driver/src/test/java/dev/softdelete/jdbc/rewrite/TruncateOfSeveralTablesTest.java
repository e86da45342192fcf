package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.OnUnparseable;
import dev.softdelete.config.TruncatePolicy;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

/**
 * Under {@code truncate: soft-delete}, a PostgreSQL TRUNCATE of a plain table and one configured table is refused: a
 * probe saw it become an UPDATE of the configured table alone, the plain table silently not truncated.
 */
class TruncateOfSeveralTablesTest {
    @Test
    void aPlainTableBesideOneConfiguredTableIsRefused() {
        RewriteEngine pg = Engines.engine(Dialect.POSTGRESQL, OnUnparseable.REJECT, TruncatePolicy.SOFT_DELETE);
        for (String sql : new String[] {"TRUNCATE tags, orders", "TRUNCATE TABLE orders, tags",
            "TRUNCATE tags, public.orders"}) {
            assertThatThrownBy(() -> pg.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class);
        }
    }
}
