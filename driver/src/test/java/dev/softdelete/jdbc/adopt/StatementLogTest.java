package dev.softdelete.jdbc.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.LogRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's log through java.util.logging: refusals at WARNING once per statement shape, rewrites at FINE with
 * both texts, the configuration at INFO on first connect; in observe mode the same records, saying "would".
 */
class StatementLogTest {
    private static final String UPSERT = "INSERT INTO customers (id, name) VALUES (%d, '%s') ON DUPLICATE KEY UPDATE"
            + " name = 'again'";

    @TempDir
    Path dir;
    private Shop shop;
    private String config;
    private LogRecords statements;
    private LogRecords configuration;

    @BeforeEach
    void open() throws Exception {
        shop = new Shop();
        config = Shop.ownConfig(dir, "");
        statements = LogRecords.of("dev.softdelete.jdbc.statements", Level.FINE);
        configuration = LogRecords.of("dev.softdelete.jdbc.config", Level.INFO);
    }

    @AfterEach
    void close() throws SQLException {
        statements.close();
        configuration.close();
        shop.close();
    }

    @Test
    void aRefusalIsLoggedOncePerShape() throws SQLException {
        try (Connection app = shop.open(config, ""); Statement st = app.createStatement()) {
            for (int id = 4; id < 7; id++) {
                String upsert = String.format(UPSERT, id, "name" + id);
                assertThatThrownBy(() -> st.executeUpdate(upsert)).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> st.executeUpdate("TRUNCATE TABLE orders")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.executeUpdate("TRUNCATE TABLE orders")).isInstanceOf(SQLException.class);
        }

        List<String> warnings = statements.messages(Level.WARNING);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0))
                .startsWith("[" + config + "] refused (SQLState SD001): ")
                .contains("statement: INSERT INTO customers (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = ?")
                .contains("literals shown as ?")
                .doesNotContain("name4");
        assertThat(warnings.get(1)).contains("refused (SQLState SD002)").contains("statement: TRUNCATE TABLE orders");
    }

    @Test
    void aRewriteIsLoggedAtFineWithBothTexts() throws SQLException {
        try (Connection app = shop.open(config, ""); Statement st = app.createStatement()) {
            st.executeUpdate("DELETE FROM customers WHERE id = 2");
            st.executeQuery("SELECT 1").close();
        }

        List<String> fine = statements.messages(Level.FINE);
        assertThat(fine).hasSize(1);
        assertThat(fine.get(0))
                .startsWith("[" + config + "] rewrote: DELETE FROM customers WHERE id = 2")
                .contains("\n    started a delete event: SELECT SET(@softdelete_event_at, ?)")
                .contains("\n    sent: UPDATE customers SET is_deleted = TRUE")
                .contains("\n    cascade: UPDATE orders SET is_deleted = TRUE");
    }

    @Test
    void nothingIsFormattedBelowTheLoggersLevel() throws SQLException {
        statements.close();
        try (LogRecords warningsOnly = LogRecords.of("dev.softdelete.jdbc.statements", Level.WARNING);
             Connection app = shop.open(config, ""); Statement st = app.createStatement()) {
            st.executeUpdate("DELETE FROM customers WHERE id = 2");
            assertThat(warningsOnly.records()).isEmpty();
        }
    }

    @Test
    void observeModeLogsWhatWouldHaveHappened() throws SQLException {
        try (Connection app = shop.open(config, ";MODE=MySQL;softdelete.mode=observe");
             Statement st = app.createStatement()) {
            st.executeUpdate(String.format(UPSERT, 4, "Barbara"));
            st.executeUpdate(String.format(UPSERT, 4, "Barbara"));
            st.executeUpdate("DELETE FROM orders WHERE id = 12");
        }

        assertThat(statements.messages(Level.WARNING)).singleElement().asString()
                .startsWith("[" + config + "] observe mode, sent as written; would refuse (SQLState SD001): ");
        assertThat(statements.messages(Level.FINE)).singleElement().asString()
                .startsWith("[" + config + "] observe mode, sent as written; would rewrite: DELETE FROM orders")
                .contains("\n    would start a delete event: ")
                .contains("\n    would send: UPDATE orders SET is_deleted = TRUE");
        assertThat(shop.raw("SELECT name FROM customers WHERE id = 4")).containsExactly("again");
        assertThat(configuration.messages(Level.INFO)).anySatisfy(m -> assertThat(m)
                .contains("connections with " + config + " in observe mode send every statement as written"));
    }

    @Test
    void theConfigurationIsLoggedOnFirstConnect() throws SQLException {
        try (Connection first = shop.open(config, ""); Connection second = shop.open(config, "")) {
            assertThat(first).isNotSameAs(second);
        }

        assertThat(configuration.messages(Level.INFO)).singleElement().asString()
                .startsWith("softdelete-jdbc: configuration " + config
                        + ", found through the connection property softdelete.config, for h2")
                .contains("\n    options: mode enforce, on-unparseable reject, truncate reject")
                .contains("\n    customers: flag is_deleted (boolean), timestamp deleted_at;"
                        + " cascade to orders (customer_id -> id)")
                .contains("\n    orders: flag is_deleted (boolean), timestamp deleted_at")
                .contains("\n    statistics on JMX: dev.softdelete:type=SoftDelete (" + config + ")");
    }
}
