package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnMariaDB;
import dev.softdelete.it.support.Sql;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cascade from MySQL/MariaDB's DELETE ... ORDER BY ... LIMIT, on the fixture of {@link CascadeFixture}. */
@OnMariaDB
class MariaDbCascadeIT extends CascadeFixture {
    @Test
    void mariadbDeleteOrderByLimit() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " WHERE id > 1 ORDER BY id DESC LIMIT 2");

        assertThat(count).isEqualTo(2);
        // 6 is already deleted: the two highest live ids are 5 and 4, as after a hard delete.
        h.assertOneEvent(before, marks(), Set.of(4L, 5L));
    }
}
