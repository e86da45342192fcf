package dev.softdelete.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.SoftDeleteConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SchemaCheck} on H2: a schema with good and bad columns, foreign keys, a view and triggers. */
public class SchemaCheckTest {
    private static final String YAML = String.join("\n",
        "version: 1",
        "defaults:",
        "  flag-column: is_deleted",
        "  timestamp-column: deleted_at",
        "tables:",
        "  customers:",
        "    batch-column: batch_id",
        "    actor-column: deleted_by",
        "    cascade:",
        "      - { table: orders, column: customer_id }",
        "      - { table: reviews, column: cust_id }",
        "  orders: {}",
        "  order_items:",
        "    batch-column: batch_id",
        "    actor-column: deleted_by",
        "  reviews:",
        "    flag-column: null",
        "    timestamp-column: removed_at",
        "  counters:",
        "    flag-type: integer",
        "  ghosts: {}",
        "");

    private static final String[] DDL = {
        // All good.
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50), is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
            + " deleted_at TIMESTAMP, batch_id VARCHAR(36), deleted_by VARCHAR(100))",
        // Flag without default (WARN), timestamp without fractional seconds (ERROR); its FK is covered (OK), but H2
        // has no guard triggers (WARN).
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id) ON DELETE CASCADE,"
            + " is_deleted BOOLEAN NOT NULL, deleted_at TIMESTAMP(0))",
        "CREATE TABLE warehouses (id INT PRIMARY KEY)",
        // Nullable flag, NOT NULL timestamp, short batch, numeric actor (4 ERRORs); an ON DELETE CASCADE FK to a
        // configured parent without a cascade entry, which the driver follows all the same (OK; no guard on H2: WARN),
        // and an ON DELETE CASCADE FK to a plain parent (ERROR).
        "CREATE TABLE order_items (id INT PRIMARY KEY, order_id INT REFERENCES orders(id) ON DELETE CASCADE,"
            + " warehouse_id INT REFERENCES warehouses(id) ON DELETE CASCADE, is_deleted BOOLEAN DEFAULT FALSE,"
            + " deleted_at TIMESTAMP NOT NULL, batch_id VARCHAR(20), deleted_by INT)",
        // Timestamp-only and fine, but the cascade's column cust_id does not exist (ERROR).
        "CREATE TABLE reviews (id INT PRIMARY KEY, customer_id INT, removed_at TIMESTAMP(6))",
        // flag-type integer with an integer flag whose default makes new rows deleted (ERROR).
        "CREATE TABLE counters (id INT PRIMARY KEY, is_deleted TINYINT DEFAULT 1 NOT NULL, deleted_at TIMESTAMP)",
        // A plain child of a configured parent, ON DELETE CASCADE (WARN on customers; no guard on H2: WARN).
        "CREATE TABLE notes (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id) ON DELETE CASCADE)",
        // A view on a configured table (WARN).
        "CREATE VIEW live_customers AS SELECT id, name FROM customers WHERE NOT is_deleted",
        // A view on a plain table: no finding.
        "CREATE VIEW all_warehouses AS SELECT id FROM warehouses",
        // Triggers on a configured table (WARN each) and on a plain one (nothing).
        "CREATE TRIGGER orders_on_delete BEFORE DELETE ON orders FOR EACH ROW CALL '" + NoOpTrigger.class.getName()
            + "'",
        "CREATE TRIGGER customers_on_insert AFTER INSERT ON customers FOR EACH ROW CALL '"
            + NoOpTrigger.class.getName() + "'",
        "CREATE TRIGGER warehouses_on_delete BEFORE DELETE ON warehouses FOR EACH ROW CALL '"
            + NoOpTrigger.class.getName() + "'",
    };

    /** The configuration of the test schema, for tests of the command line. */
    public static String yaml() {
        return YAML;
    }

    /** The test schema's DDL, for tests of the command line. */
    public static String[] ddl() {
        return DDL.clone();
    }

    private Connection connection;
    private CheckReport report;

    @BeforeEach
    void check() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:check-" + UUID.randomUUID());
        try (Statement st = connection.createStatement()) {
            for (String sql : DDL) {
                st.execute(sql);
            }
        }
        SoftDeleteConfig config = ConfigLoader.parse(YAML, "test.yml");
        report = new SchemaCheck(config).run(connection);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private List<String> lines(Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity)
            .map(f -> f.subject()).collect(Collectors.toList());
    }

    private String message(Severity severity, String subject, int index) {
        return report.findings().stream().filter(f -> f.severity() == severity && f.subject().equals(subject))
            .skip(index).findFirst().orElseThrow().message();
    }

    @Test
    void reportsExactlyTheExpectedErrors() {
        assertThat(lines(Severity.ERROR)).containsExactly(
            "orders.deleted_at",
            "order_items.is_deleted",
            "order_items.deleted_at",
            "order_items.batch_id",
            "order_items.deleted_by",
            "counters.is_deleted",
            "ghosts",
            "customers cascade reviews",
            "order_items");
        assertThat(message(Severity.ERROR, "orders.deleted_at", 0))
            .contains("TIMESTAMP(0)").contains("0 fractional-second digits").contains("TIMESTAMP(6)");
        assertThat(message(Severity.ERROR, "order_items.is_deleted", 0)).contains("nullable");
        assertThat(message(Severity.ERROR, "order_items.deleted_at", 0)).contains("NOT NULL");
        assertThat(message(Severity.ERROR, "order_items.batch_id", 0)).contains("holds 20 characters; it needs 36");
        assertThat(message(Severity.ERROR, "order_items.deleted_by", 0)).contains("not a character column");
        assertThat(message(Severity.ERROR, "counters.is_deleted", 0)).contains("defaults to deleted");
        assertThat(message(Severity.ERROR, "ghosts", 0)).contains("table not found in schema PUBLIC");
        assertThat(message(Severity.ERROR, "customers cascade reviews", 0)).contains("no such column PUBLIC.REVIEWS.cust_id");
        assertThat(message(Severity.ERROR, "order_items", 0))
            .contains("ORDER_ITEMS(WAREHOUSE_ID) -> WAREHOUSES(ID) ON DELETE CASCADE")
            .contains("WAREHOUSES is not configured");
    }

    @Test
    void reportsExactlyTheExpectedWarnings() {
        assertThat(lines(Severity.WARN)).containsExactly(
            "orders.is_deleted",
            "customers",
            "NOTES",
            "orders",
            "order_items",
            "view PUBLIC.LIVE_CUSTOMERS",
            "trigger PUBLIC.ORDERS_ON_DELETE on ORDERS");
        assertThat(message(Severity.WARN, "orders.is_deleted", 0)).contains("has no default");
        assertThat(message(Severity.WARN, "order_items", 0))
            .contains("ORDER_ITEMS(ORDER_ID) -> ORDERS(ID) ON DELETE CASCADE")
            .contains("this database has no guard triggers");
        assertThat(message(Severity.WARN, "customers", 0))
            .contains("NOTES(CUSTOMER_ID) -> CUSTOMERS(ID)").contains("NOTES is not configured");
        assertThat(message(Severity.WARN, "view PUBLIC.LIVE_CUSTOMERS", 0))
            .contains("reads configured table customers");
        assertThat(message(Severity.WARN, "trigger PUBLIC.ORDERS_ON_DELETE on ORDERS", 0))
            .contains("fires on DELETE").contains("no longer fires");
    }

    @Test
    void reportsWhatIsRightAsOk() {
        assertThat(lines(Severity.OK)).containsExactly(
            "customers",
            "customers.is_deleted",
            "customers.deleted_at",
            "customers.batch_id",
            "customers.deleted_by",
            "orders",
            "order_items",
            "reviews",
            "reviews.removed_at",
            "counters",
            "counters.deleted_at",
            "customers cascade orders",
            "customers",
            "orders");
        assertThat(message(Severity.OK, "customers.deleted_at", 0)).isEqualTo("timestamp column TIMESTAMP(6) NULL");
        assertThat(message(Severity.OK, "customers", 1)).contains("ORDERS(CUSTOMER_ID) -> CUSTOMERS(ID)")
            .contains("followed as a cascade");
        assertThat(message(Severity.OK, "orders", 1)).contains("ORDER_ITEMS(ORDER_ID) -> ORDERS(ID) ON DELETE CASCADE")
            .contains("followed as a cascade");
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.summary()).isEqualTo("9 errors, 7 warnings, 14 ok: problems found");
    }

    @Test
    void aCleanSchemaHasNoErrors() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:clean-" + UUID.randomUUID());
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA sales");
            st.execute("CREATE TABLE sales.orders (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                + " deleted_at TIMESTAMP)");
            SoftDeleteConfig config = ConfigLoader.parse("version: 1\ntables:\n  sales.orders: {}\n", "clean.yml");
            CheckReport clean = new SchemaCheck(config).run(c);
            assertThat(clean.findings()).extracting(Finding::toString).containsExactly(
                "OK     sales.orders: table SALES.ORDERS",
                "OK     sales.orders.is_deleted: flag column BOOLEAN NOT NULL DEFAULT FALSE",
                "OK     sales.orders.deleted_at: timestamp column TIMESTAMP(6) NULL");
            assertThat(clean.hasErrors()).isFalse();
            assertThat(clean.summary()).isEqualTo("0 errors, 0 warnings, 3 ok: all good");
        }
    }

    @Test
    void anUnqualifiedTableOutsideTheCurrentSchemaIsFoundThere() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:other-" + UUID.randomUUID());
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA archive");
            st.execute("CREATE TABLE archive.items (id INT, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                + " deleted_at TIMESTAMP)");
            SoftDeleteConfig config = ConfigLoader.parse("version: 1\ntables:\n  items: {}\n", "other.yml");
            CheckReport other = new SchemaCheck(config).run(c);
            assertThat(other.findings().get(0).toString())
                .startsWith("OK     items: table ARCHIVE.ITEMS (not in the current schema PUBLIC");
            assertThat(other.hasErrors()).isFalse();
        }
    }
}
