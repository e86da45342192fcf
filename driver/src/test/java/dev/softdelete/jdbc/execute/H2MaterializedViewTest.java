package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * H2 2.3 throws a NullPointerException for a read of {@code INFORMATION_SCHEMA.COLUMNS} without
 * {@code TABLE_NAME = ...} once the database holds a materialized view. The driver's catalog read did that: every
 * connection failed with SD000, and a {@code CREATE MATERIALIZED VIEW} sent through the driver reported the error
 * from the catalog read after it (a probe). The read now asks table by table.
 */
class H2MaterializedViewTest {
    @Test
    void aDatabaseWithAMaterializedViewCanBeReachedAndSoftDeletedIn() throws Exception {
        String h2 = TestDatabases.newH2Url();
        try (Connection raw = DriverManager.getConnection(h2); Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders (id) VALUES (1), (2)");
            st.execute("CREATE MATERIALIZED VIEW plain_ids AS SELECT id FROM plain");

            try (Connection app = DriverManager.getConnection(TestDatabases.softDeleteUrl(h2),
                    TestDatabases.configProperties()); Statement appSt = app.createStatement()) {
                assertThat(appSt.executeUpdate("DELETE FROM orders WHERE id = 1")).isEqualTo(1);
                appSt.execute("CREATE MATERIALIZED VIEW more_ids AS SELECT id FROM plain");
                try (var rows = appSt.executeQuery("SELECT id FROM orders")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                    assertThat(rows.next()).as("order 1 is deleted").isFalse();
                }
            }
            assertThat(TestDatabases.count(raw, "orders")).as("nothing removed").isEqualTo(2);
        }
    }
}
