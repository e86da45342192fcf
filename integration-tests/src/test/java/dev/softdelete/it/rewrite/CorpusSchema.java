package dev.softdelete.it.rewrite;

import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables the rewrite corpora mention, with columns for everything their statements use, and the rows that
 * make their results non-trivial: some rows of each soft-delete table are soft-deleted.
 *
 * <p>The same schema goes into two databases: the "soft" one, reached through the driver, holds every row; the
 * "hard" one, reached raw, lacks the soft-deleted rows, as if they had been deleted for real. The soft-delete
 * columns exist in both, so {@code SELECT *} returns the same columns and the same values for live rows.
 *
 * <p>Deliberate shapes: {@code orders} has no primary key on PostgreSQL, because a corpus case inserts id 1 (which
 * exists) with {@code INSERT ... RETURNING}; on MariaDB it has one, because a corpus case names {@code USE INDEX
 * (primary)}. {@code payments} has no primary key (a corpus case inserts id 1). MariaDB on Linux compares table
 * names case-sensitively ({@code lower_case_table_names=0}), so {@code CUSTOMERS} and {@code Orders}, which the
 * corpus writes and the driver treats as configured, are tables of their own there; PostgreSQL folds
 * {@code CUSTOMERS} to {@code customers} and keeps the quoted {@code "Orders"}, an unconfigured table, apart.
 * {@code sales} and {@code shop} are schemas of each database on PostgreSQL, but databases of the whole server on
 * MariaDB: there only the soft side has them, and statements naming them are not compared with the hard side.
 */
final class CorpusSchema {
    /** The deletion time of rows that start soft-deleted. */
    static final String DELETED_AT = "'2020-01-02 03:04:05'";

    /** How a table marks deleted rows; the marker columns come last in each table. */
    enum Kind {
        FLAG_AND_TIMESTAMP("is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at %ts% NULL",
            "is_deleted = FALSE", "FALSE, NULL", "TRUE, " + DELETED_AT),
        TIMESTAMP_ONLY("removed_at %ts% NULL", "removed_at IS NULL", "NULL", DELETED_AT),
        INTEGER_FLAG("gone INT NOT NULL DEFAULT 0", "gone = 0", "0", "1"),
        PLAIN("", null, "", "");

        final String columns;
        final String live;
        final String liveValues;
        final String deletedValues;

        Kind(String columns, String live, String liveValues, String deletedValues) {
            this.columns = columns;
            this.live = live;
            this.liveValues = liveValues;
            this.deletedValues = deletedValues;
        }
    }

    /** A row: its own values, and whether it starts soft-deleted. */
    record Row(String values, boolean deleted) {
    }

    /**
     * A table of the corpus schema.
     *
     * @param name    as written in SQL, possibly qualified or quoted
     * @param columns the column definitions before the soft-delete columns
     * @param kind    how deleted rows are marked ({@link Kind#PLAIN}: an unconfigured table)
     * @param rows    the rows of the soft side; the hard side has the live ones
     */
    record Table(String name, String columns, Kind kind, List<Row> rows) {
        boolean configured() {
            return kind != Kind.PLAIN;
        }

        /** The predicate selecting live rows, null for a plain table. */
        String live() {
            return kind.live;
        }

        /** Whether the table lives in a schema/database of its own ({@code sales.x}, {@code shop.x}). */
        boolean qualified() {
            return name.contains(".");
        }
    }

    /** The configuration the corpus assumes (the driver's unit tests' {@code Engines}, without the cascade). */
    static final String CONFIG = "version: 1\n"
        + "defaults:\n"
        + "  flag-column: is_deleted\n"
        + "  timestamp-column: deleted_at\n"
        + "tables:\n"
        + "  customers: {}\n"
        + "  orders: {}\n"
        + "  reviews:\n"
        + "    flag-column: null\n"
        + "    timestamp-column: removed_at\n"
        + "  flags:\n"
        + "    flag-column: gone\n"
        + "    flag-type: integer\n"
        + "    timestamp-column: null\n"
        + "  sales.invoices: {}\n"
        + "options:\n"
        + "  on-unparseable: reject\n"
        + "  truncate: reject\n";

    private final TestDatabase db;
    private final List<Table> tables;

    CorpusSchema(TestDatabase db, boolean caseSensitiveTableNames) {
        this.db = db;
        this.tables = tables(db, caseSensitiveTableNames);
    }

    List<Table> tables() {
        return tables;
    }

    /** The tables that exist on the hard side too (all but MariaDB's server-wide {@code sales}/{@code shop}). */
    List<Table> comparable() {
        return tables.stream().filter(t -> db == TestDatabase.POSTGRESQL || !t.qualified()).toList();
    }

    /** Whether statements naming {@code sales.} or {@code shop.} can be compared with the hard side. */
    boolean qualifiedNamesComparable() {
        return db == TestDatabase.POSTGRESQL;
    }

    /** Drops and creates every table on the soft side, with all rows. */
    void createSoft(Connection raw) throws SQLException {
        create(raw, tables, false);
    }

    /** Drops and creates the comparable tables on the hard side, with the live rows only. */
    void createHard(Connection raw) throws SQLException {
        create(raw, comparable(), true);
    }

    private void create(Connection raw, List<Table> which, boolean liveOnly) throws SQLException {
        try (Statement st = raw.createStatement()) {
            if (db == TestDatabase.POSTGRESQL) {
                st.execute("CREATE SCHEMA IF NOT EXISTS sales");
                st.execute("CREATE SCHEMA IF NOT EXISTS shop");
            } else if (which.stream().anyMatch(Table::qualified)) {
                st.execute("CREATE DATABASE IF NOT EXISTS sales");
                st.execute("CREATE DATABASE IF NOT EXISTS shop");
            }
            for (Table t : which) {
                st.execute("DROP TABLE IF EXISTS " + t.name());
                String markers = t.kind().columns.replace("%ts%", db.timestampType());
                st.execute("CREATE TABLE " + t.name() + " (" + t.columns()
                    + (markers.isEmpty() ? "" : ", " + markers) + ")");
                for (Row row : t.rows()) {
                    if (liveOnly && row.deleted()) {
                        continue;
                    }
                    String markerValues = row.deleted() ? t.kind().deletedValues : t.kind().liveValues;
                    st.execute("INSERT INTO " + t.name() + " VALUES (" + row.values()
                        + (markerValues.isEmpty() ? "" : ", " + markerValues) + ")");
                }
            }
        }
    }

    /** Every row of {@code which} tables, by table, sorted; {@code liveOnly} filters configured tables. */
    static Map<String, List<String>> contents(Connection c, List<Table> which, boolean liveOnly)
        throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Table t : which) {
            String where = liveOnly && t.configured() ? " WHERE " + t.live() : "";
            all.put(t.name(), Execution.query(c, "SELECT * FROM " + t.name() + where));
        }
        return all;
    }

    /** The soft-deleted rows of the configured tables among {@code which}, by table, sorted. */
    static Map<String, List<String>> deletedRows(Connection c, List<Table> which) throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Table t : which) {
            if (t.configured()) {
                String where = " WHERE NOT (" + t.live() + ")";
                all.put(t.name(), Execution.query(c, "SELECT * FROM " + t.name() + where));
            }
        }
        return all;
    }

    private static List<Table> tables(TestDatabase db, boolean caseSensitiveTableNames) {
        boolean pg = db == TestDatabase.POSTGRESQL;
        List<Table> t = new ArrayList<>();
        t.add(new Table("customers", "id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(60), country VARCHAR(4),"
            + " referrer INT, a INT, b INT", Kind.FLAG_AND_TIMESTAMP, List.of(
                live("1, 'Ada', 'ada@example.com', 'DE', NULL, 1, 0"),
                live("2, 'Grace', 'grace@example.com', 'FR', 1, 0, 2"),
                deleted("3, 'Alan', 'alan@example.com', 'DE', 1, 1, 2"),
                live("4, 'Barbara', 'barbara@example.com', 'US', 3, 0, 0"),
                deleted("5, 'Edsger', 'edsger@example.com', 'NL', 2, 0, 2"),
                live("11, 'Anita', 'anita@example.com', 'DE', 4, 1, 1"),
                deleted("12, 'Ken', 'ken@example.com', 'US', NULL, 0, 0"),
                live("13, 'Linus', 'linus@example.com', 'FR', 12, 2, 2"))));
        t.add(new Table("orders", (pg ? "id INT" : "id INT PRIMARY KEY")
            + ", customer_id INT, product_id INT, total INT, note VARCHAR(40), created " + db.timestampType()
            + " NULL", Kind.FLAG_AND_TIMESTAMP, List.of(
                live("1, 1, 1, 5, 'xmas', '2024-01-01 00:00:00'"),
                live("2, 1, 2, 120, NULL, '2999-01-01 00:00:00'"),
                deleted("3, 2, 1, 7, 'box', '2999-01-01 00:00:00'"),
                live("4, 3, 2, 150, 'fax', '2024-02-01 00:00:00'"),
                deleted("5, 4, 3, 1, 'x', '2024-03-01 00:00:00'"),
                live("6, 2, 3, 0, NULL, '2024-04-01 00:00:00'"),
                live("7, 5, 1, 30, 'mix', '2999-01-01 00:00:00'"),
                live("8, 99, NULL, 9, 'orphan', '2024-05-01 00:00:00'"),
                deleted("9, 11, 4, 200, 'xl', '2024-06-01 00:00:00'"),
                live("10, 13, 2, 15, 'Max', '2999-01-01 00:00:00'"))));
        t.add(new Table("reviews", "id INT PRIMARY KEY, order_id INT, stars INT", Kind.TIMESTAMP_ONLY, List.of(
            live("1, 1, 5"), deleted("2, 2, 2"), live("3, 3, 4"), live("4, 4, 1"), deleted("5, 1, 4"),
            live("6, 10, 5"))));
        t.add(new Table("flags", "id INT PRIMARY KEY", Kind.INTEGER_FLAG, List.of(
            live("1"), deleted("2"), live("3"))));
        t.add(new Table("products", "id INT PRIMARY KEY, name VARCHAR(40), price INT, stock INT", Kind.PLAIN,
            List.of(live("1, 'Pen', 3, 10"), live("2, 'Ink', 120, 0"), live("3, 'Pad', 8, 5"),
                live("4, 'Cap', 250, 1"), live("5, 'Box', 1, 0"))));
        t.add(new Table("payments", "id INT, customer_id INT, order_id INT, amount INT", Kind.PLAIN, List.of(
            live("1, 1, 1, 5"), live("2, 1, 2, 120"), live("3, 2, 3, 7"), live("4, 4, 5, 1"), live("5, 2, 6, 0"),
            live("6, 1, 9, 200"))));
        t.add(new Table("archive", "id INT", Kind.PLAIN, List.of()));
        // Unqualified "invoices" matches the configured sales.invoices: the driver treats it as configured.
        t.add(new Table("invoices", "id INT PRIMARY KEY, amount INT", Kind.FLAG_AND_TIMESTAMP, List.of(
            live("1, 10"), deleted("2, 20"), live("3, 30"))));
        t.add(new Table("sales.invoices", "id INT PRIMARY KEY, amount INT", Kind.FLAG_AND_TIMESTAMP, List.of(
            live("1, 10"), deleted("2, 20"), live("3, 30"))));
        // shop.orders matches the configured orders: configured too.
        t.add(new Table("shop.orders", "id INT PRIMARY KEY, customer_id INT, total INT", Kind.FLAG_AND_TIMESTAMP,
            List.of(live("1, 1, 10"), deleted("2, 2, 20"))));
        if (pg) {
            t.add(new Table("\"Orders\"", "id INT PRIMARY KEY, note VARCHAR(40)", Kind.PLAIN,
                List.of(live("1, 'quoted'"))));
        } else if (caseSensitiveTableNames) {
            t.add(new Table("`Orders`", "id INT PRIMARY KEY, total INT", Kind.FLAG_AND_TIMESTAMP,
                List.of(live("1, 10"), deleted("2, 20"))));
            t.add(new Table("CUSTOMERS", "id INT PRIMARY KEY, name VARCHAR(40)", Kind.FLAG_AND_TIMESTAMP,
                List.of(live("1, 'ADA'"), deleted("2, 'GRACE'"))));
        }
        return List.copyOf(t);
    }

    private static Row live(String values) {
        return new Row(values, false);
    }

    private static Row deleted(String values) {
        return new Row(values, true);
    }
}
