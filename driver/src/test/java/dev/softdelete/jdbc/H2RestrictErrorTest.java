package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2, the soft delete's own RESTRICT check fails as H2's foreign key fails the hard delete: SQLState 23503, error
 * code 23503, H2's wording naming the constraint and both tables. (It had PostgreSQL's wording and error code 0.)
 */
class H2RestrictErrorTest {
    private static final String[] SCHEMA = {
        "CREATE TABLE orders (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)",
        "CREATE TABLE reviews (id INT PRIMARY KEY, order_id INT,"
                + " CONSTRAINT fk_reviews_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT)",
        "INSERT INTO orders (id) VALUES (1), (2)",
        "INSERT INTO reviews VALUES (10, 1)"};

    private static Connection create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : SCHEMA) {
                st.execute(sql);
            }
        }
        return c;
    }

    private static SQLException deleteReferencedOrder(Connection c) {
        return catchThrowableOfType(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM orders WHERE id = 1");
            }
        });
    }

    @Test
    void theRestrictErrorIsH2s(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  orders: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        try (Connection hard = create(DriverManager.getConnection(TestDatabases.newH2Url()));
                Connection soft = create(DriverManager.getConnection(
                        TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info))) {
            SQLException expected = deleteReferencedOrder(hard);
            SQLException actual = deleteReferencedOrder(soft);

            assertThat((Throwable) expected).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat((Throwable) actual).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState()).isEqualTo("23503");
            assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
            assertThat(actual.getMessage()).startsWith("Referential integrity constraint violation: \"FK_REVIEWS_ORDER")
                    .contains("REVIEWS", "ORDERS");
            assertThat(expected.getMessage()).startsWith("Referential integrity constraint violation: \"FK_REVIEWS_ORDER");
        }
    }
}
