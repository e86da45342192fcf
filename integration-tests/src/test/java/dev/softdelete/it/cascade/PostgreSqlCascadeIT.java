package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cascade from PostgreSQL's DELETE ... USING, on the fixture of {@link CascadeFixture}. */
@OnPostgreSQL
class PostgreSqlCascadeIT extends CascadeFixture {
    @Test
    void postgresqlDeleteUsing() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " p USING " + h.regions + " r"
            + " WHERE p.region_id = r.id AND r.name IN ('north', 'east')");

        assertThat(count).as("1, 4 (north), 3 (east); 6 was deleted earlier").isEqualTo(3);
        h.assertOneEvent(before, marks(), Set.of(1L, 3L, 4L));
    }
}
