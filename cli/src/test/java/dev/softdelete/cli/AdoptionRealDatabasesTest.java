package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.softdelete.cli.migrate.MigrationScript;
import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrofit of a legacy schema on real PostgreSQL and MariaDB ({@link RealDatabase}), each in a database of its
 * own ({@code softdelete_adopt2_*}): a deliberately flawed schema (no soft-delete columns, a RESTRICT and a CASCADE
 * foreign key, a SET NULL one, a unique email, a timestamp-only table with a second-precision timestamp, an integer
 * flag; on MariaDB an {@code ON UPDATE CURRENT_TIMESTAMP} column, on PostgreSQL a partitioned table), then
 * {@code init --all}, {@code check} (problems), {@code migrate} ({@code --out}, the script run as written, or
 * {@code --apply}), a second {@code migrate} (nothing to do), {@code check} (clean), and through the driver in
 * enforce mode: a delete under RESTRICT fails like the key, a child insert under a deleted parent fails like the
 * key, the email of a deleted customer can be used again while a live one's cannot.
 */
class AdoptionRealDatabasesTest {
    @TempDir
    Path dir;

    @Test
    void postgresAppliedByMigrate() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.POSTGRESQL, "softdelete_adopt2_apply")) {
            adopt(db, true, true);
        }
    }

    @Test
    void postgresScriptRunAsWritten() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.POSTGRESQL, "softdelete_adopt2_script")) {
            adopt(db, true, false);
        }
    }

    @Test
    void mariaDbAppliedByMigrate() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.MARIADB, "softdelete_adopt2_apply")) {
            adopt(db, false, true);
        }
    }

    @Test
    void mariaDbScriptRunAsWritten() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.MARIADB, "softdelete_adopt2_script")) {
            adopt(db, false, false);
        }
    }

    private static String[] flawedSchema(boolean postgres) {
        List<String> ddl = new ArrayList<>(List.of(
            "CREATE TABLE adopt2_customers (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(50)"
                + (postgres ? "" : ", updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"
                    + " ON UPDATE CURRENT_TIMESTAMP")
                + ", CONSTRAINT adopt2_customers_email UNIQUE (email))",
            "CREATE TABLE adopt2_orders (id INT PRIMARY KEY, customer_id INT NOT NULL, item VARCHAR(50),"
                + " CONSTRAINT adopt2_orders_customer FOREIGN KEY (customer_id) REFERENCES adopt2_customers (id)"
                + " ON DELETE CASCADE)",
            "CREATE TABLE adopt2_invoices (id INT PRIMARY KEY, customer_id INT NOT NULL, amount INT,"
                + " CONSTRAINT adopt2_invoices_customer FOREIGN KEY (customer_id) REFERENCES adopt2_customers (id)"
                + " ON DELETE RESTRICT)",
            "CREATE TABLE adopt2_notes (id INT PRIMARY KEY, customer_id INT, body VARCHAR(50), removed_at "
                + (postgres ? "TIMESTAMP(0)" : "DATETIME") + " NULL,"
                + " CONSTRAINT adopt2_notes_customer FOREIGN KEY (customer_id) REFERENCES adopt2_customers (id)"
                + " ON DELETE SET NULL)",
            "CREATE TABLE adopt2_tags (id INT PRIMARY KEY, label VARCHAR(20), deleted "
                + (postgres ? "SMALLINT" : "TINYINT") + " NOT NULL DEFAULT 0)",
            "INSERT INTO adopt2_customers (id, email, name) VALUES (1, 'ada@example.com', 'Ada'),"
                + " (2, 'grace@example.com', 'Grace'), (3, 'linus@example.com', 'Linus')",
            "INSERT INTO adopt2_orders (id, customer_id, item) VALUES (10, 1, 'keyboard')",
            "INSERT INTO adopt2_invoices (id, customer_id, amount) VALUES (20, 2, 100)",
            "INSERT INTO adopt2_notes (id, customer_id, body) VALUES (30, 3, 'call back')",
            "INSERT INTO adopt2_tags (id, label) VALUES (50, 'vip')"));
        if (postgres) {
            ddl.add("CREATE TABLE adopt2_events (id INT NOT NULL, happened DATE NOT NULL, what VARCHAR(20),"
                + " PRIMARY KEY (id, happened)) PARTITION BY RANGE (happened)");
            ddl.add("CREATE TABLE adopt2_events_2024 PARTITION OF adopt2_events"
                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            ddl.add("INSERT INTO adopt2_events (id, happened, what) VALUES (40, '2024-05-01', 'signup')");
        }
        return ddl.toArray(new String[0]);
    }

    private void adopt(OwnDatabase db, boolean postgres, boolean apply) throws Exception {
        db.execute(flawedSchema(postgres));
        String url = db.url();
        Path yml = dir.resolve("softdelete.yml");

        CliRun init = CliRun.of("init", "--url", url, "--all", "--out", yml.toString());
        assertThat(init.status()).as(init.err()).isZero();
        SoftDeleteConfig config = ConfigLoader.load(yml);
        List<String> expected = new ArrayList<>(List.of("adopt2_customers", "adopt2_invoices", "adopt2_notes",
            "adopt2_orders", "adopt2_tags"));
        if (postgres) {
            expected.add("adopt2_events"); // its partition follows it
        }
        assertThat(config.tables()).extracting(t -> t.name().toString()).containsExactlyInAnyOrderElementsOf(expected);
        TableConfig notes = table(config, "adopt2_notes");
        assertThat(notes.flagColumn()).isNull();
        assertThat(notes.timestampColumn()).isEqualTo("removed_at");
        assertThat(table(config, "adopt2_tags").flagColumn()).isEqualTo("deleted");
        assertThat(table(config, "adopt2_customers").cascades()).singleElement()
            .satisfies(c -> assertThat(c.table().toString()).isEqualTo("adopt2_orders"));
        String yaml = Files.readString(yml);
        assertThat(yaml).contains("# from foreign key adopt2_orders_customer ON DELETE CASCADE")
            .contains("referenced by adopt2_invoices(customer_id) ON DELETE RESTRICT")
            .contains("referenced by adopt2_notes(customer_id) ON DELETE SET NULL")
            .contains("mode: observe");
        if (postgres) {
            assertThat(yaml).contains("adopt2_events_2024 (of adopt2_events)");
        } else {
            assertThat(yaml).contains("updated_at is ON UPDATE CURRENT_TIMESTAMP");
        }

        CliRun before = CliRun.of("check", "--url", url, "--config", yml.toString());
        assertThat(before.status()).isEqualTo(1);
        assertThat(before.out())
            .containsPattern("(?m)^ERROR  adopt2_customers\\.is_deleted: flag column not found")
            .containsPattern("(?m)^ERROR  adopt2_notes\\.removed_at: timestamp column .* holds 0 fractional")
            .containsPattern("(?m)^OK     adopt2_customers: foreign key adopt2_invoices_customer adopt2_invoices"
                + "\\(customer_id\\) -> adopt2_customers\\(id\\) ON DELETE RESTRICT: checked by the driver")
            .containsPattern("(?m)^OK     adopt2_customers: foreign key adopt2_notes_customer .* ON DELETE SET NULL:"
                + " the driver sets customer_id")
            .containsPattern("(?m)^ERROR  guard trigger softdelete_guard_(ins_)?adopt2_invoices on adopt2_invoices:"
                + " missing: ");
        if (postgres) {
            assertThat(before.out())
                .containsPattern("(?m)^OK     public\\.adopt2_events_2024: partition or inheriting table of")
                .containsPattern("(?m)^ERROR  lock index softdelete_lock_adopt2_customers_id on adopt2_customers:"
                    + " missing");
        } else {
            assertThat(before.out()).containsPattern("(?m)^OK     adopt2_customers\\.updated_at: ON UPDATE"
                + " CURRENT_TIMESTAMP: soft deletes and restores keep it as it was");
        }
        Matcher fix = Pattern.compile("(?m)^WARN   adopt2_customers unique key \\S+: \\(email\\) still holds the keys"
            + " of soft-deleted rows: .*; migrate makes it soft-delete-aware with: (.*)$").matcher(before.out());
        assertThat(fix.find()).as(before.out()).isTrue();

        Path script = dir.resolve("migration.sql");
        CliRun out = CliRun.of("migrate", "--url", url, "--config", yml.toString(), "--out", script.toString());
        assertThat(out.status()).as(out.err()).isZero();
        String sql = Files.readString(script, StandardCharsets.UTF_8);
        List<String> statements = MigrationScript.statements(sql);
        for (String ddl : fix.group(1).split(";")) {
            if (!ddl.isBlank()) {
                assertThat(statements).as("the DDL check gives is the DDL migrate writes").contains(ddl.trim());
            }
        }
        if (!postgres) {
            assertThat(sql).contains("DELIMITER //\nCREATE TRIGGER").contains("\nEND\n//\nDELIMITER ;\n");
        }
        if (apply) {
            CliRun run = CliRun.of("migrate", "--url", url, "--config", yml.toString(), "--apply");
            assertThat(run.status()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).containsPattern("(?m)^\\[1/" + statements.size() + "\\] ALTER TABLE ")
                .containsPattern("(?m)^applied " + statements.size() + " statements in ");
        } else {
            runAsWritten(url, statements, postgres);
        }

        CliRun again = CliRun.of("migrate", "--url", url, "--config", yml.toString(), "--apply");
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("nothing to do: the schema is ready");
        CliRun againOut = CliRun.of("migrate", "--url", url, "--config", yml.toString());
        assertThat(againOut.out()).contains("-- Nothing to do").doesNotContain(";\n");

        CliRun after = CliRun.of("check", "--url", url, "--config", yml.toString());
        assertThat(after.out()).doesNotContain("ERROR").doesNotContain("WARN")
            .containsPattern("(?m)^0 errors, 0 warnings, \\d+ ok: all good$");
        assertThat(after.status()).isZero();

        throughTheDriver(url, yml, postgres);
    }

    /** Runs the statements of the script as a migration tool would: on PostgreSQL in one transaction. */
    private static void runAsWritten(String url, List<String> statements, boolean postgres) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(!postgres);
            try (Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
            }
            if (postgres) {
                c.commit();
            }
        }
    }

    private static void throughTheDriver(String url, Path yml, boolean postgres) throws SQLException {
        Properties p = new Properties();
        p.setProperty("softdelete.config", yml.toString());
        p.setProperty("softdelete.mode", "enforce");
        try (Connection app = DriverManager.getConnection("jdbc:softdelete:" + url.substring("jdbc:".length()), p);
             Connection raw = DriverManager.getConnection(url)) {
            String updatedBefore = postgres ? null : single(raw, "SELECT updated_at FROM adopt2_customers WHERE id = 1");
            if (!postgres) {
                // the unique key now holds sd_live_email; email itself stays indexed for lookups (a scan would also
                // skip, at READ COMMITTED, a row another transaction is inserting)
                assertThat(single(raw, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA ="
                    + " DATABASE() AND TABLE_NAME = 'adopt2_customers' AND COLUMN_NAME = 'email' AND SEQ_IN_INDEX = 1"))
                    .isEqualTo("1");
            }

            SQLException restricted = failure(app, "DELETE FROM adopt2_customers WHERE id = 2");
            assertThat(restricted.getSQLState()).isEqualTo(postgres ? "23503" : "23000");
            if (!postgres) {
                assertThat(restricted.getErrorCode()).isEqualTo(1451);
            }
            assertThat(single(raw, "SELECT COUNT(*) FROM adopt2_customers WHERE id = 2 AND NOT is_deleted"))
                .isEqualTo("1");

            assertThat(update(app, "DELETE FROM adopt2_customers WHERE id = 1")).isEqualTo(1);
            assertThat(single(app, "SELECT COUNT(*) FROM adopt2_orders")).isEqualTo("0");
            assertThat(single(raw, "SELECT COUNT(*) FROM adopt2_orders WHERE is_deleted")).isEqualTo("1");
            if (!postgres) {
                assertThat(single(raw, "SELECT updated_at FROM adopt2_customers WHERE id = 1"))
                    .isEqualTo(updatedBefore);
            }

            SQLException orphan = failure(app, "INSERT INTO adopt2_orders (id, customer_id, item) VALUES (11, 1, 'pen')");
            assertThat(orphan.getSQLState()).isEqualTo(postgres ? "23503" : "23000");
            if (!postgres) {
                assertThat(orphan.getErrorCode()).isEqualTo(1452);
            }

            assertThat(update(app, "INSERT INTO adopt2_customers (id, email, name) VALUES (4, 'ada@example.com',"
                + " 'Ada again')")).isEqualTo(1);
            SQLException duplicate = failure(app, "INSERT INTO adopt2_customers (id, email, name) VALUES (5,"
                + " 'grace@example.com', 'Grace again')");
            assertThat(duplicate.getSQLState()).isEqualTo(postgres ? "23505" : "23000");
            if (!postgres) {
                assertThat(duplicate.getErrorCode()).isEqualTo(1062);
            }

            assertThat(update(app, "DELETE FROM adopt2_customers WHERE id = 3")).isEqualTo(1);
            assertThat(single(raw, "SELECT COUNT(*) FROM adopt2_notes WHERE id = 30 AND customer_id IS NULL"))
                .isEqualTo("1");
            if (postgres) {
                assertThat(update(app, "DELETE FROM adopt2_events_2024 WHERE id = 40")).isEqualTo(1);
                assertThat(single(raw, "SELECT COUNT(*) FROM adopt2_events WHERE id = 40 AND is_deleted"))
                    .isEqualTo("1");
            }
            assertThat(single(raw, "SELECT COUNT(*) FROM adopt2_customers")).isEqualTo("4");
        }
    }

    private static TableConfig table(SoftDeleteConfig config, String name) {
        return config.tables().stream().filter(t -> t.name().toString().equals(name)).findFirst().orElseThrow();
    }

    private static SQLException failure(Connection c, String sql) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> update(c, sql));
        assertThat((Object) e).as("%s must fail", sql).isNotNull();
        return e;
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
