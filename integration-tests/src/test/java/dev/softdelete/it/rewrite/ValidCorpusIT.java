package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.SideDatabases;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * How much valid SQL the driver refuses. The corpora {@code driver/src/test/resources/valid/*.sql} hold statements
 * as real clients send them (Hibernate, Spring Data, jOOQ, MyBatis, hand-written SQL with each dialect's syntax and
 * keywords used as names). Each statement runs raw first, in a transaction rolled back: it must succeed, so the
 * corpus is valid SQL. Then it runs through the driver: it is rewritten and succeeds, or it is refused with SD001
 * (never any other error). The refused ones must be exactly {@link #KNOWN_GAPS}: a new refusal fails the build,
 * and so does a gap that closed and is still listed. The README reports the rate.
 */
@OnEachDatabase
class ValidCorpusIT {
    static final String DATABASE = "softdelete_it_valid";

    private static final String UPSERT = "an upsert that may conflict on the primary key, which soft-deleted rows"
        + " still hold";
    /** The statements the driver still refuses, per corpus, with why. */
    static final Map<String, String> KNOWN_GAPS = Map.of(
        "postgres.sql: hand-written: upsert into a soft-delete table", UPSERT,
        "mysql.sql: hand-written: upsert into a soft-delete table", UPSERT,
        "mysql.sql: hand-written: REPLACE", "REPLACE deletes the conflicting row physically");

    private static final String CONFIG = "version: 1\n"
        + "tables:\n"
        + "  customers: {}\n"
        + "  orders: {}\n"
        + "  order_items: {}\n"
        + "  events: {}\n";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void validStatementsAreRewrittenNotRefused() throws Exception {
        String file = database == TestDatabase.POSTGRESQL ? "postgres.sql" : "mysql.sql";
        List<Entry> corpus = load(file);
        String url = SideDatabases.ensure(database, database.rawUrl(), DATABASE);
        if (database == TestDatabase.POSTGRESQL) {
            url = SideDatabases.withParameter(url, "stringtype", "unspecified");
        }
        Map<String, String> refused = new TreeMap<>();
        try (Connection raw = DriverManager.getConnection(url);
             Connection app = ThroughDriver.connect(url, ConfigFile.writeRaw(dir, CONFIG))) {
            createSchema(raw);
            raw.setAutoCommit(false);
            app.setAutoCommit(false);
            for (Entry e : corpus) {
                try {
                    run(raw, e);
                } catch (SQLException invalid) {
                    throw new AssertionError(e.name + " is not valid " + database + " SQL: " + invalid.getMessage());
                } finally {
                    raw.rollback();
                }
                try {
                    run(app, e);
                } catch (SQLException failed) {
                    assertThat(failed.getSQLState()).as("%s through the driver: %s", e.name, failed.getMessage())
                        .isEqualTo("SD001");
                    refused.put(file + ": " + e.name, failed.getMessage());
                } finally {
                    app.rollback();
                }
            }
        }
        System.out.printf("[valid-corpus] %s: %d statements, %d refused (%.1f %%)%n", database, corpus.size(),
            refused.size(), 100.0 * refused.size() / corpus.size());
        refused.forEach((name, why) -> System.out.printf("[valid-corpus]   refused %s: %s%n", name, why));
        Map<String, String> expected = new TreeMap<>();
        KNOWN_GAPS.forEach((name, why) -> {
            if (name.startsWith(file)) {
                expected.put(name, why);
            }
        });
        assertThat(refused.keySet()).as("the statements the driver refuses").isEqualTo(expected.keySet());
    }

    private void createSchema(Connection raw) throws SQLException {
        boolean pg = database == TestDatabase.POSTGRESQL;
        String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        String q = pg ? "\"" : "`";
        Sql.execute(raw, "DROP TABLE IF EXISTS order_items, orders, customers, products, events, customers_copy");
        Sql.execute(raw,
            "CREATE TABLE customers (id INT PRIMARY KEY" + (pg ? "" : " AUTO_INCREMENT") + ", email VARCHAR(80),"
                + " name VARCHAR(40), status VARCHAR(10), type VARCHAR(10), referrer INT, attrs "
                + (pg ? "JSONB" : "JSON") + flags + (pg ? ")" : ", FULLTEXT (name))"),
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total INT, note VARCHAR(40), created "
                + database.timestampType() + " NULL" + flags + ")",
            "CREATE TABLE order_items (id INT PRIMARY KEY, order_id INT, qty INT" + flags + ")",
            "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40))",
            "CREATE TABLE events (id INT PRIMARY KEY, start INT, " + q + "end" + q + " INT, value INT, level INT,"
                + " position INT, type VARCHAR(10), status VARCHAR(10), " + q + "user" + q + " VARCHAR(10),"
                + " number INT" + (pg ? "" : ", `key` INT") + flags + ")",
            "INSERT INTO customers (id, email, name, status, type, referrer, attrs) VALUES"
                + " (1, 'ada@example.com', 'Ada', 'active', 'person', NULL, '{\"tier\": \"gold\"}'),"
                + " (2, 'bob@example.com', 'Bob', 'gone', 'person', 1, NULL),"
                + " (3, 'cy@example.com', 'Cy', 'new', 'company', 2, NULL)",
            "INSERT INTO orders (id, customer_id, total, note, created) VALUES (1, 1, 5, 'gift', '2024-02-01'),"
                + " (2, 1, 20, NULL, '2024-03-01'), (3, 2, 2, 'x', '2024-04-01'), (4, 3, 50, 'big', '2024-05-01')",
            "INSERT INTO order_items (id, order_id, qty) VALUES (1, 1, 1), (2, 1, 2), (3, 3, 1)",
            "INSERT INTO events (id, start, value, level, position, type, status, number) VALUES"
                + " (1, 1, 10, 1, 2, 'a', 'open', 5), (2, 2, 20, 1, 1, 'b', 'closed', 6)");
    }

    private static void run(Connection c, Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(e.sql)) {
            for (int i = 0; i < e.parameters.size(); i++) {
                String p = e.parameters.get(i);
                if (p.startsWith("'")) {
                    ps.setString(i + 1, p.substring(1, p.length() - 1));
                } else {
                    ps.setLong(i + 1, Long.parseLong(p));
                }
            }
            ps.execute();
        }
    }

    /** One statement of a corpus: its name, its text, and the values of its {@code ?} markers. */
    private record Entry(String name, String sql, List<String> parameters) {
    }

    private static List<Entry> load(String file) throws IOException {
        String dir = System.getProperty("softdelete.it.validDir");
        assertThat(dir).as("system property softdelete.it.validDir (set by the Maven build)").isNotBlank();
        List<Entry> entries = new ArrayList<>();
        String header = null;
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(dir, file), StandardCharsets.UTF_8)) {
            if (line.startsWith("== ")) {
                add(entries, header, sql);
                header = line.substring(3);
                sql.setLength(0);
            } else if (header != null && !line.isBlank()) {
                sql.append(sql.length() == 0 ? "" : "\n").append(line);
            }
        }
        add(entries, header, sql);
        assertThat(entries).as("statements in %s", file).hasSizeGreaterThan(40);
        return entries;
    }

    private static void add(List<Entry> entries, String header, StringBuilder sql) {
        if (header == null) {
            return;
        }
        int open = header.lastIndexOf(" [");
        String name = open < 0 ? header : header.substring(0, open);
        List<String> parameters = new ArrayList<>();
        if (open >= 0) {
            for (String p : header.substring(open + 2, header.length() - 1).split(",(?=(?:[^']*'[^']*')*[^']*$)")) {
                parameters.add(p.strip());
            }
        }
        entries.add(new Entry(name, sql.toString(), parameters));
    }
}
