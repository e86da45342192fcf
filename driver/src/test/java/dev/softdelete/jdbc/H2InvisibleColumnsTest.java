package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * H2's INVISIBLE columns are not in {@code SELECT *}, so the filtered derived table that stands for a table on the
 * nullable side of a RIGHT join has none of them: the driver reads them from the catalog and refuses a statement
 * that names one there (a probe found MariaDB's invisible columns read wrongly so; H2 has them too).
 */
class H2InvisibleColumnsTest {
    private static final String RIGHT_JOIN = " FROM orders o RIGHT JOIN plain p ON o.plain_id = p.id";

    @Test
    void anInvisibleColumnNamedWhereTheDerivedTableStandsIsRefused() throws Exception {
        String h2 = TestDatabases.newH2Url();
        try (Connection raw = DriverManager.getConnection(h2); Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, plain_id INT, secret VARCHAR(5) INVISIBLE DEFAULT 's',"
                    + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY, secret VARCHAR(5))");
            st.execute("INSERT INTO orders (id, plain_id) VALUES (1, 1), (2, 2)");
            st.execute("INSERT INTO plain VALUES (1, 'zzz'), (2, 'zzz')");

            try (Connection app = DriverManager.getConnection(TestDatabases.softDeleteUrl(h2),
                    TestDatabases.configProperties()); Statement appSt = app.createStatement()) {
                for (String sql : new String[] {"SELECT o.secret" + RIGHT_JOIN,
                    "SELECT p.id" + RIGHT_JOIN + " WHERE \"SECRET\" = 's'"}) {
                    assertThatThrownBy(() -> appSt.executeQuery(sql)).as(sql)
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                            .hasMessageContaining("does not give");
                }
                assertThat(appSt.executeUpdate("DELETE FROM orders WHERE id = 2")).isEqualTo(1);
                try (ResultSet rows = appSt.executeQuery("SELECT p.id" + RIGHT_JOIN + " WHERE o.id IS NOT NULL")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                    assertThat(rows.next()).as("order 2 is deleted").isFalse();
                }
            }
        }
    }
}
