package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.OnMariaDB;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.ThroughDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

    /**
     * Through the MariaDB driver (org.mariadb.jdbc), which sets its in-transaction flag after any failed statement
     * until the next response: the driver took that for a transaction the application began in SQL, set an SQL
     * savepoint in autocommit mode, and the group's RELEASE failed with 1305 after the delete had committed. A yes
     * from that flag is now asked of the server; a transaction begun in SQL is still joined.
     */
    @Test
    void throughTheMariaDbDriverAfterAFailedStatement() throws Exception {
        String mariadbUrl = "jdbc:mariadb:" + database.rawUrl().substring("jdbc:mysql:".length()).replaceFirst(
            "[?].*", "") + "?user=root&password=";
        try (Connection other = DriverManager.getConnection(ThroughDriver.url(mariadbUrl),
                ThroughDriver.properties(configFile()))) {
            var before = marks();
            assertThatThrownBy(() -> Sql.execute(other, "SELECT no_such_column FROM " + h.parents))
                .isInstanceOf(SQLException.class);

            assertThat(Sql.update(other, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
            h.assertOneEvent(before, marks(), Set.of(1L));

            var snapshot = h.snapshot(raw);
            Sql.execute(other, "START TRANSACTION");
            assertThat(Sql.update(other, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
            Sql.execute(other, "ROLLBACK");
            assertThat(h.snapshot(raw)).isEqualTo(snapshot);
        }
    }
}
