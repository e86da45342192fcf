package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * H2's own name rules through the driver, on the configured table {@code orders}: H2 folds unquoted names to upper
 * case, so a quoted {@code "ORDERS"} (jOOQ writes {@code "PUBLIC"."ORDERS"}) and {@code `ORDERS`} name it too; and it
 * reads a name as the table before a CTE of the same name. Each is filtered or soft-deleted as {@code orders} is.
 */
class H2NamesTest {
    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static void createOrders(Statement st) throws SQLException {
        st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                + " deleted_at TIMESTAMP)");
        st.execute("INSERT INTO orders (id) VALUES (1), (2), (3)");
        assertThat(st.executeUpdate("DELETE FROM orders WHERE id = 1")).isEqualTo(1);
    }

    @Test
    void quotedNamesInH2sCaseAreTheConfiguredTable() throws Exception {
        for (String settings : new String[] {"", ";MODE=MySQL"}) {
            try (Connection c = TestDatabases.open(settings); Statement st = c.createStatement()) {
                createOrders(st);
                assertThat(count(st, "SELECT COUNT(*) FROM \"ORDERS\"")).as(settings).isEqualTo(2);
                assertThat(count(st, "SELECT COUNT(*) FROM \"PUBLIC\".\"ORDERS\" o")).isEqualTo(2);
                if (!settings.isEmpty()) {
                    assertThat(count(st, "SELECT COUNT(*) FROM `ORDERS`")).isEqualTo(2);
                }
                // the soft-deleted row is not deleted again, nor physically
                assertThat(st.executeUpdate("DELETE FROM \"ORDERS\" WHERE id = 1")).isZero();
                assertThat(st.executeUpdate("DELETE FROM \"ORDERS\" WHERE id = 2")).isEqualTo(1);
                assertThat(count(st, "/* softdelete:include-deleted */ SELECT COUNT(*) FROM orders")).isEqualTo(3);
                assertThat(count(st, "SELECT COUNT(*) FROM orders")).isEqualTo(1);
            }
        }
    }

    @Test
    void aCteNamedLikeAConfiguredTableDoesNotHideTheTableOnH2() throws Exception {
        try (Connection c = TestDatabases.open(); Statement st = c.createStatement()) {
            createOrders(st);
            // H2 reads orders here as the table, not the CTE
            assertThat(count(st, "WITH orders AS (SELECT 42 AS x) SELECT COUNT(*) FROM orders")).isEqualTo(2);
        }
    }

    /**
     * A case-sensitive H2 database ({@code DATABASE_TO_UPPER=FALSE}) knows only {@code INFORMATION_SCHEMA} in upper
     * case: a catalog query written in lower case refused every connection (a probe found it).
     */
    @Test
    void aCaseSensitiveH2DatabaseCanBeOpened() throws Exception {
        try (Connection c = TestDatabases.open(";DATABASE_TO_UPPER=FALSE"); Statement st = c.createStatement()) {
            createOrders(st);
            assertThat(count(st, "SELECT COUNT(*) FROM orders")).isEqualTo(2);
        }
    }

    /**
     * A table alone in parentheses is the table: the predicate goes into WHERE. The derived table the driver wrote
     * inside them, {@code ((SELECT ...) orders)}, is a syntax error on H2 (a probe found it).
     */
    @Test
    void aTableAloneInParenthesesIsFilteredOnH2() throws Exception {
        try (Connection c = TestDatabases.open(); Statement st = c.createStatement()) {
            createOrders(st);
            assertThat(count(st, "SELECT COUNT(*) FROM (orders)")).isEqualTo(2);
            assertThat(count(st, "SELECT COUNT(*) FROM (orders o)")).isEqualTo(2);
            assertThat(count(st, "SELECT COUNT(*) FROM ((orders))")).isEqualTo(2);
        }
    }
}
