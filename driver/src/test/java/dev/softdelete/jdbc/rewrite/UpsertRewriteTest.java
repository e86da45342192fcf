package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.Options;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upserts into soft-delete tables as a pure function of the statement and the unique keys the catalog reports:
 * allowed on soft-delete-aware keys (with PostgreSQL's conflict target made to name the partial index), refused on
 * keys that still hold deleted rows, and refused when no key is known.
 */
class UpsertRewriteTest {
    private static final TableName CUSTOMERS = TableName.parse("customers");
    private static final Catalog CATALOG = new Catalog(Map.of(), Map.of(), List.of(), List.of(
            new UniqueKey(CUSTOMERS, "customers_pkey", List.of("id"), true, false, null),
            new UniqueKey(CUSTOMERS, "customers_email", List.of("email"), false, true, "(NOT is_deleted)")));

    private static String sent(Dialect dialect, Catalog catalog, String sql) throws StatementRefusedException {
        return new RewriteEngine(Engines.config(Options.DEFAULTS), dialect, catalog).rewrite(sql, Visibility.ACTIVE)
                .sqlFor(sql);
    }

    @Test
    void postgresConflictTargetOnAnAwareIndexNamesItsPredicate() throws Exception {
        assertThat(sent(Dialect.POSTGRESQL, CATALOG, "INSERT INTO customers (email, name) VALUES (?, ?)"
                + " ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name"))
                .isEqualTo("INSERT INTO customers (email, name) VALUES (?, ?) ON CONFLICT (email) WHERE (NOT"
                        + " is_deleted) DO UPDATE SET name = EXCLUDED.name");
    }

    /** A probe: in a string of two upserts, the first one's predicate went after the second one's target (42P10). */
    @Test
    void eachUpsertOfAStringNamesThePredicateAfterItsOwnTarget() throws Exception {
        String upsert = "INSERT INTO customers (email) VALUES ('%s') ON CONFLICT (email) DO UPDATE SET n = 1";
        String sql = String.format(upsert, "a@x") + "; " + String.format(upsert, "b@x");
        String each = "INSERT INTO customers (email) VALUES ('%s') ON CONFLICT (email) WHERE (NOT is_deleted) DO UPDATE"
                + " SET n = 1";
        assertThat(sent(Dialect.POSTGRESQL, CATALOG, sql))
                .isEqualTo(String.format(each, "a@x") + "; " + String.format(each, "b@x"));
    }

    @Test
    void anUpsertOnThePrimaryKeyIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> sent(Dialect.POSTGRESQL, CATALOG, "INSERT INTO customers (id, name) VALUES (1, 'a')"
                + " ON CONFLICT (id) DO UPDATE SET name = 'a'"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("customers_pkey");
        assertThatThrownBy(() -> sent(Dialect.MARIADB, CATALOG, "INSERT INTO customers (id, name) VALUES (1, 'a')"
                + " ON DUPLICATE KEY UPDATE name = 'a'"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("customers_pkey");
    }

    /** A probe: DO UPDATE SET is_deleted = TRUE made the live row vanish with no delete event (a deleted_at of NULL). */
    @Test
    void anUpsertThatMarksTheRowDeletedIsRefused() throws Exception {
        assertThatThrownBy(() -> sent(Dialect.POSTGRESQL, CATALOG, "INSERT INTO customers (email, name) VALUES (?, ?)"
                + " ON CONFLICT (email) DO UPDATE SET is_deleted = TRUE"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("(is_deleted = true)");
        Catalog aware = new Catalog(Map.of(), Map.of(), List.of(), List.of(
                new UniqueKey(CUSTOMERS, "customers_email", List.of("email"), false, true, null)));
        assertThatThrownBy(() -> sent(Dialect.MARIADB, aware, "INSERT INTO customers (email, name) VALUES ('a', 'b')"
                + " ON DUPLICATE KEY UPDATE name = 'c', is_deleted = 1"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("(is_deleted = 1)");
        // the live value passes
        assertThat(sent(Dialect.POSTGRESQL, CATALOG, "INSERT INTO customers (email, name) VALUES (?, ?)"
                + " ON CONFLICT (email) DO UPDATE SET is_deleted = FALSE")).contains("DO UPDATE SET is_deleted = FALSE");
    }

    @Test
    void doingNothingOnAConflictToleratesThePrimaryKey() throws Exception {
        String seed = "INSERT INTO customers (id, email) VALUES (1, 'a@x') ON CONFLICT DO NOTHING";
        assertThat(sent(Dialect.POSTGRESQL, CATALOG, seed)).isEqualTo(seed);
        String ignore = "INSERT IGNORE INTO customers (id, email) VALUES (1, 'a@x')";
        assertThat(sent(Dialect.MARIADB, CATALOG, ignore)).isEqualTo(ignore);
    }

    /**
     * The lock index {@code migrate} creates, {@code (id, is_deleted)}, conflicts only where the primary key does: it
     * is tolerated where the primary key is (found refusing a seed-style DO NOTHING after migrate).
     */
    @Test
    void aUniqueKeyOverThePrimaryKeysColumnsIsToleratedWithIt() throws Exception {
        Catalog migrated = new Catalog(Map.of(), Map.of(), List.of(), List.of(
                new UniqueKey(CUSTOMERS, "customers_pkey", List.of("id"), true, false, null),
                new UniqueKey(CUSTOMERS, "softdelete_lock_customers_id", List.of("id", "is_deleted"), false, false,
                        null),
                new UniqueKey(CUSTOMERS, "customers_email", List.of("email"), false, true, "(NOT is_deleted)")));
        String seed = "INSERT INTO customers (id, email) VALUES (1, 'a@x') ON CONFLICT DO NOTHING";
        assertThat(sent(Dialect.POSTGRESQL, migrated, seed)).isEqualTo(seed);
        assertThatThrownBy(() -> sent(Dialect.POSTGRESQL, migrated, "INSERT INTO customers (id, name) VALUES (1, 'a')"
                + " ON CONFLICT (id) DO UPDATE SET name = 'a'")).isInstanceOf(StatementRefusedException.class);
    }

    @Test
    void anUpdateOnAGeneratedPrimaryKeyCannotConflictOnIt() throws Exception {
        String upsert = "INSERT INTO customers (email, name) VALUES ('a@x', 'a') ON DUPLICATE KEY UPDATE name = 'a'";
        assertThat(sent(Dialect.MARIADB, CATALOG, upsert)).isEqualTo(upsert);
        // MySQL's SET form names its columns too (a probe found it taken for an insert of every column)
        String setForm = "INSERT INTO customers SET email = 'a@x', name = 'a' ON DUPLICATE KEY UPDATE name = 'a'";
        assertThat(sent(Dialect.MARIADB, CATALOG, setForm)).isEqualTo(setForm);
        assertThatThrownBy(() -> sent(Dialect.MARIADB, CATALOG, "INSERT INTO customers SET id = 1, name = 'a'"
                + " ON DUPLICATE KEY UPDATE name = 'a'")).isInstanceOf(StatementRefusedException.class);
    }

    @Test
    void withoutKnownKeysEveryUpsertIsRefused() {
        assertThatThrownBy(() -> sent(Dialect.POSTGRESQL, Catalog.EMPTY, "INSERT INTO customers (email) VALUES ('a')"
                + " ON CONFLICT DO NOTHING"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("does not know");
    }

    /**
     * MySQL's UPDATE IGNORE skips a row whose new key collides: with a soft-deleted row's primary key it skipped
     * silently a row that the hard-deleted twin moved. Setting a column of a key that holds deleted rows is refused;
     * an aware key, or columns of no key, go through.
     */
    @Test
    void updateIgnoreSettingAKeyThatHoldsDeletedRowsIsRefused() throws Exception {
        assertThatThrownBy(() -> sent(Dialect.MARIADB, CATALOG, "UPDATE IGNORE customers SET id = 11 WHERE id = 10"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("customers_pkey");
        assertThatThrownBy(() -> sent(Dialect.MYSQL, CATALOG, "UPDATE IGNORE orders o JOIN customers c ON c.id ="
                + " o.customer_id SET c.name = 'x', c.`ID` = c.id + 100"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("customers_pkey");
        assertThatThrownBy(() -> sent(Dialect.MARIADB, Catalog.EMPTY, "UPDATE IGNORE customers SET name = 'a'"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("unique keys");
        assertThat(sent(Dialect.MARIADB, CATALOG, "UPDATE IGNORE customers SET email = 'b@x', name = 'b' WHERE id = 1"))
                .isEqualTo("UPDATE IGNORE customers SET email = 'b@x', name = 'b' WHERE (id = 1) AND"
                        + " customers.is_deleted = FALSE");
        assertThat(sent(Dialect.MARIADB, CATALOG, "UPDATE customers SET id = 11 WHERE id = 10"))
                .isEqualTo("UPDATE customers SET id = 11 WHERE (id = 10) AND customers.is_deleted = FALSE");
    }

    /**
     * PostgreSQL takes every unique index over the conflict target's columns as an arbiter: a plain index on email
     * next to the aware one made the upsert update a soft-deleted row's email, where the hard twin inserted.
     */
    @Test
    void aPlainIndexOverTheConflictColumnsBesideTheAwareOneIsRefused() {
        Catalog twoIndexes = new Catalog(Map.of(), Map.of(), List.of(), List.of(
                new UniqueKey(CUSTOMERS, "customers_pkey", List.of("id"), true, false, null),
                new UniqueKey(CUSTOMERS, "customers_email", List.of("email"), false, true, "(NOT is_deleted)"),
                new UniqueKey(CUSTOMERS, "customers_email_plain", List.of("email"), false, false, null)));
        assertThatThrownBy(() -> sent(Dialect.POSTGRESQL, twoIndexes, "INSERT INTO customers (email, name) VALUES"
                + " (?, ?) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("customers_email_plain");
    }

    /**
     * A conflict target with a WHERE of its own (jOOQ's onConflict(...).where(...)): PostgreSQL infers the partial
     * index only when the WHERE implies its predicate. Sent as written, it failed with 42P10.
     */
    @Test
    void aConflictTargetWithItsOwnWhereGetsTheIndexPredicateAndedOn() throws Exception {
        assertThat(sent(Dialect.POSTGRESQL, CATALOG, "INSERT INTO customers (email, name) VALUES (?, ?) ON CONFLICT"
                + " (email) WHERE email IS NOT NULL OR (name = 'x') DO NOTHING"))
                .isEqualTo("INSERT INTO customers (email, name) VALUES (?, ?) ON CONFLICT (email) WHERE (email IS NOT"
                        + " NULL OR (name = 'x')) AND (NOT is_deleted) DO NOTHING");
    }

    /**
     * A table named in a schema the catalog was not read for: its unique keys are not the ones the catalog has for
     * the configured name (those of the session's schema). An upsert there dropped a row the hard twin inserted.
     */
    @Test
    void upsertsAndUpdateIgnoreInASchemaNotReadAreRefused() {
        Catalog readInPublic = CATALOG.readIn(java.util.Set.of("public"));
        assertThatThrownBy(() -> sent(Dialect.POSTGRESQL, readInPublic, "INSERT INTO t1.customers (id, email) VALUES"
                + " (9, 'd@x') ON CONFLICT DO NOTHING")).isInstanceOf(StatementRefusedException.class)
                .hasMessageContaining("an upsert in schema t1, whose unique and foreign keys the driver did not read");
        assertThatThrownBy(() -> sent(Dialect.MARIADB, readInPublic, "UPDATE IGNORE t1.customers SET name = 'x'"))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("UPDATE IGNORE in schema t1");
    }
}
