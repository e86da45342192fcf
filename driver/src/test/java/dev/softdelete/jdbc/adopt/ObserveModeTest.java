package dev.softdelete.jdbc.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.SoftDeleteConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Observe mode through the driver: every statement reaches the database as written, so results are those of the
 * raw database; only UNDELETE, the driver's own statement, still runs as a restore.
 */
class ObserveModeTest {
    private Shop shop;
    private Connection app;

    @BeforeEach
    void open() throws SQLException {
        shop = new Shop();
        app = shop.open(Shop.ENFORCING, ";softdelete.mode=observe");
    }

    @AfterEach
    void close() throws SQLException {
        try (Connection a = app; Shop s = shop) {
            // closes both
        }
    }

    @Test
    void aDeleteDeletesAndCascadesNothing() throws SQLException {
        try (Statement st = app.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM customers WHERE id = 2")).isEqualTo(1);
        }

        assertThat(shop.raw("SELECT id FROM customers ORDER BY id")).containsExactly("1", "3");
        assertThat(shop.raw("SELECT id FROM orders WHERE is_deleted ORDER BY id")).as("no cascade ran").isEmpty();
        assertThat(shop.raw("SELECT COUNT(*) FROM orders")).containsExactly("3");
    }

    @Test
    void aPreparedDeleteDeletesToo() throws SQLException {
        try (PreparedStatement ps = app.prepareStatement("DELETE FROM orders WHERE customer_id = ?")) {
            ps.setInt(1, 2);
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }

        assertThat(shop.raw("SELECT id FROM orders")).containsExactly("12");
    }

    @Test
    void queriesSeeDeletedRowsAsTheDatabaseHasThem() throws SQLException {
        assertThat(ids("SELECT id FROM customers ORDER BY id")).containsExactly(1, 2, 3);
        assertThat(ids("SELECT c.id FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY o.id"))
                .containsExactly(2, 2, 1);
        assertThat(app.nativeSQL("SELECT id FROM customers")).isEqualTo("SELECT id FROM customers");
    }

    @Test
    void statementsThatEnforceModeRefusesRun() throws SQLException {
        try (Statement st = app.createStatement()) {
            st.executeUpdate("MERGE INTO customers (id, name) KEY (id) VALUES (4, 'Barbara')");
            st.executeUpdate("TRUNCATE TABLE orders");
        }

        assertThat(shop.raw("SELECT name FROM customers WHERE id = 4")).containsExactly("Barbara");
        assertThat(shop.raw("SELECT COUNT(*) FROM orders")).containsExactly("0");
    }

    @Test
    void undeleteStillRestores() throws SQLException {
        try (Statement st = app.createStatement()) {
            assertThat(st.executeUpdate("UNDELETE FROM customers WHERE id = 3")).isEqualTo(1);
        }
        assertThat(app.unwrap(SoftDeleteConnection.class).undelete("customers", "id = 3")).isZero();
        // the table is a name only: a probe's "customers WHERE id = 2 --" replaced the caller's condition
        assertThatThrownBy(() -> app.unwrap(SoftDeleteConnection.class).undelete("customers WHERE id = 2 --",
            "id = 3")).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));

        assertThat(shop.raw("SELECT is_deleted FROM customers WHERE id = 3")).containsExactly("FALSE");
        assertThat(shop.raw("SELECT deleted_at FROM customers WHERE id = 3")).containsExactly((String) null);
    }

    @Test
    void anUndeleteThatWouldBeRefusedIsRefused() {
        assertThatThrownBy(() -> {
            try (Statement st = app.createStatement()) {
                st.executeUpdate("UNDELETE FROM notes WHERE id = 1");
            }
        }).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD002"));
    }

    @Test
    void theConfigurationsModeAppliesUnlessTheConnectionSetsItsOwn() throws SQLException {
        try (Connection observing = shop.open(Shop.OBSERVING, "");
             Statement st = observing.createStatement()) {
            st.executeUpdate("DELETE FROM orders WHERE id = 10");
        }
        assertThat(shop.raw("SELECT id FROM orders ORDER BY id")).as("hard-deleted").containsExactly("11", "12");

        try (Connection enforcing = shop.open(Shop.OBSERVING, ";softdelete.mode=enforce");
             Statement st = enforcing.createStatement()) {
            st.executeUpdate("DELETE FROM orders WHERE id = 11");
        }
        assertThat(shop.raw("SELECT id FROM orders ORDER BY id")).as("soft-deleted").containsExactly("11", "12");
        assertThat(shop.raw("SELECT is_deleted FROM orders WHERE id = 11")).containsExactly("TRUE");
    }

    @Test
    void enforceModeIsTheDefault() throws SQLException {
        try (Connection enforcing = shop.open(Shop.ENFORCING, "");
             Statement st = enforcing.createStatement()) {
            st.executeUpdate("DELETE FROM customers WHERE id = 2");
            assertThatThrownBy(() -> st.executeUpdate("TRUNCATE TABLE orders"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD002"));
        }

        assertThat(shop.raw("SELECT id FROM orders WHERE is_deleted ORDER BY id")).containsExactly("10", "11");
    }

    private List<Integer> ids(String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
