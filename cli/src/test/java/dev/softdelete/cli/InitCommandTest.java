package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init} on H2: the draft loads as the driver loads it, reuses the columns it finds, follows the keys. */
class InitCommandTest {
    private static final String[] LEGACY = {
        "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(100) UNIQUE, deleted BOOLEAN DEFAULT FALSE NOT NULL,"
            + " removed_at TIMESTAMP(6), deleted_by VARCHAR(50))",
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id) ON DELETE CASCADE,"
            + " del_flag INT DEFAULT 0 NOT NULL)",
        "CREATE TABLE invoices (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id) ON DELETE RESTRICT,"
            + " archived_at TIMESTAMP)",
        "CREATE TABLE notes (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id) ON DELETE SET NULL,"
            + " deleted_on DATE)",
        "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)",
    };

    @TempDir
    Path dir;

    @Test
    void draftsEveryTableFromTheSchema() throws Exception {
        try (H2Database db = new H2Database(dir, "unused: true\n").raw(LEGACY)) {
            Path out = dir.resolve("draft.yml");
            CliRun run = CliRun.of("init", "--url", db.url(), "--all", "--out", out.toString());
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("wrote " + out + ": 4 tables (3 with soft-delete columns of their own),"
                + " 1 cascade from foreign keys; mode observe");
            SoftDeleteConfig config = ConfigLoader.load(out);
            assertThat(config.options().mode().label()).isEqualTo("observe");
            TableConfig customers = table(config, "CUSTOMERS");
            assertThat(customers.flagColumn()).isEqualTo("DELETED");
            assertThat(customers.flagType()).isEqualTo(FlagType.BOOLEAN);
            assertThat(customers.timestampColumn()).isEqualTo("REMOVED_AT");
            assertThat(customers.actorColumn()).isEqualTo("DELETED_BY");
            assertThat(customers.cascades()).singleElement().satisfies(c -> {
                assertThat(c.table().toString()).isEqualTo("ORDERS");
                assertThat(c.columns()).containsExactly("CUSTOMER_ID");
                assertThat(c.references()).containsExactly("ID");
            });
            TableConfig orders = table(config, "ORDERS");
            assertThat(orders.flagColumn()).isEqualTo("DEL_FLAG");
            assertThat(orders.flagType()).isEqualTo(FlagType.INTEGER);
            assertThat(orders.timestampColumn()).isEqualTo("deleted_at");
            TableConfig invoices = table(config, "INVOICES");
            assertThat(invoices.flagColumn()).isNull();
            assertThat(invoices.timestampColumn()).isEqualTo("ARCHIVED_AT");
            TableConfig notes = table(config, "NOTES");
            assertThat(notes.flagColumn()).isEqualTo("is_deleted");
            assertThat(notes.timestampColumn()).isEqualTo("deleted_at");
            assertThat(config.tables()).extracting(t -> t.name().toString()).doesNotContain("FLYWAY_SCHEMA_HISTORY");

            String yaml = Files.readString(out);
            assertThat(yaml)
                .contains("# Left out: FLYWAY_SCHEMA_HISTORY (a migration tool's table).")
                .contains("# from foreign key ")
                .containsPattern("referenced by INVOICES\\(CUSTOMER_ID\\) ON DELETE RESTRICT \\(foreign key \\S+\\): the"
                    + " driver checks it")
                .containsPattern("referenced by NOTES\\(CUSTOMER_ID\\) ON DELETE SET NULL \\(foreign key \\S+\\): the"
                    + " driver sets CUSTOMER_ID")
                .contains("# NOTES: no soft-delete columns found; migrate adds is_deleted and deleted_at.")
                .contains("not used: DELETED_ON (DATE NULL) looks like a deletion time, but it is not a timestamp")
                .contains("# INVOICES: timestamp-only: reuses ARCHIVED_AT")
                .contains("an integer flag: 0 live, 1 deleted");
        }
    }

    /**
     * A legacy timestamp that is NOT NULL (a sentinel) or has a default holds a time in live rows: as the only mark
     * (timestamp-only) it hid every row once migrate dropped the NOT NULL and the default, with check saying all good
     * (a probe). init drafts a flag beside it, and migrate does not make such a column the only mark.
     */
    @Test
    void aTimestampThatLiveRowsFillIsNeverTheOnlyMark() throws Exception {
        try (H2Database db = new H2Database(dir, "unused: true\n").raw(
                "CREATE TABLE legacy_b (id INT PRIMARY KEY, deleted_at TIMESTAMP(6)"
                    + " DEFAULT TIMESTAMP '1970-01-01 00:00:00' NOT NULL)",
                "CREATE TABLE legacy_c (id INT PRIMARY KEY, deleted_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO legacy_b (id) VALUES (1), (2)")) {
            CliRun run = CliRun.of("init", "--url", db.url(), "--all", "--out", "-");
            assertThat(run.status()).as(run.err()).isZero();
            SoftDeleteConfig config = ConfigLoader.parse(run.out(), "stdout");
            for (String t : new String[] {"LEGACY_B", "LEGACY_C"}) {
                assertThat(table(config, t).flagColumn()).as(t).isEqualTo("is_deleted");
                assertThat(table(config, t).timestampColumn()).as(t).isEqualTo("DELETED_AT");
            }
            assertThat(run.out()).contains("# LEGACY_B: migrate adds the flag is_deleted; DELETED_AT")
                .doesNotContain("timestamp-only");

            Path timestampOnly = dir.resolve("timestamp-only.yml");
            Files.writeString(timestampOnly, "version: 1\ntables:\n  legacy_b:\n    flag-column: null\n");
            CliRun migrate = CliRun.of("migrate", "--url", db.url(), "--config", timestampOnly.toString());
            assertThat(migrate.out()).contains("timestamp-only mode reads a row whose deleted_at holds a time as"
                + " deleted").doesNotContain("DROP DEFAULT").doesNotContain("DROP NOT NULL");
        }
    }

    @Test
    void chosenTablesOnlyAndTheKeysToOthersSaid() throws Exception {
        try (H2Database db = new H2Database(dir, "unused: true\n").raw(LEGACY)) {
            CliRun run = CliRun.of("init", "--url", db.url(), "--tables", "orders,notes", "--out", "-");
            assertThat(run.status()).as(run.err()).isZero();
            SoftDeleteConfig config = ConfigLoader.parse(run.out(), "stdout");
            assertThat(config.tables()).extracting(t -> t.name().toString()).containsExactly("ORDERS", "NOTES");
            assertThat(run.out()).containsPattern("foreign key \\S+ -> CUSTOMERS ON DELETE CASCADE, from a table that"
                + " is not chosen");
        }
    }

    /**
     * A table the driver would refuse (a quoted name with capitals, which H2 does not fold to; a reserved word): init
     * drafted it, and migrate then failed part-way, or every connection failed. Left out of an --all draft, with
     * why; named in --tables, refused.
     */
    @Test
    void leavesOutTablesTheDriverWouldRefuse() throws Exception {
        try (H2Database db = new H2Database(dir, "unused: true\n").raw(LEGACY)
                .raw("CREATE TABLE \"Acct\" (id INT PRIMARY KEY)", "CREATE TABLE \"ORDER\" (id INT PRIMARY KEY)")) {
            CliRun all = CliRun.of("init", "--url", db.url(), "--all", "--out", "-");
            assertThat(all.status()).as(all.err()).isZero();
            SoftDeleteConfig config = ConfigLoader.parse(all.out(), "stdout");
            assertThat(config.tables()).extracting(t -> t.name().toString()).doesNotContain("Acct", "ORDER")
                .contains("CUSTOMERS");
            assertThat(all.out().replaceAll("\\s+#\\s+", " ")).contains("Acct (needs quotes or is a reserved word,"
                + " which the driver refuses; rename it)").contains("ORDER (needs quotes or is a reserved word");
            CliRun chosen = CliRun.of("init", "--url", db.url(), "--tables", "Acct", "--out", "-");
            assertThat(chosen.status()).isEqualTo(1);
            assertThat(chosen.err()).contains("table Acct: needs quotes or is a reserved word");
        }
    }

    @Test
    void refusesWhatItCannotDo() throws Exception {
        try (H2Database db = new H2Database(dir, "unused: true\n").raw(LEGACY)) {
            Path existing = Files.writeString(dir.resolve("softdelete-old.yml"), "keep me");
            CliRun overwrite = CliRun.of("init", "--url", db.url(), "--all", "--out", existing.toString());
            assertThat(overwrite.status()).isEqualTo(1);
            assertThat(overwrite.err()).contains("exists; give --force to overwrite it");
            assertThat(Files.readString(existing)).isEqualTo("keep me");
            assertThat(CliRun.of("init", "--url", db.url(), "--all", "--out", existing.toString(), "--force").status())
                .isZero();

            CliRun unknown = CliRun.of("init", "--url", db.url(), "--tables", "nope", "--out", "-");
            assertThat(unknown.status()).isEqualTo(1);
            assertThat(unknown.err()).contains("table nope not found in schema PUBLIC");

            CliRun neither = CliRun.of("init", "--url", db.url());
            assertThat(neither.status()).isEqualTo(2);
            assertThat(neither.err()).contains("give --tables a,b,... or --all");
        }
    }

    private static TableConfig table(SoftDeleteConfig config, String name) {
        return config.tables().stream().filter(t -> t.name().toString().equals(name)).findFirst().orElseThrow();
    }
}
