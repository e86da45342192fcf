package dev.softdelete.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule violation is a ConfigException naming the source, the 1-based line and column, and the key path. */
class ConfigLoaderErrorTest {

    private static ConfigException error(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yml");
        } catch (ConfigException e) {
            return e;
        }
        return fail("expected a ConfigException for:%n%s", yaml);
    }

    /** Asserts the position, the key and the message, which reads {@code test.yml:line:column: key: problem}. */
    private static void assertError(String yaml, int line, int column, String key, String problem) {
        ConfigException e = error(yaml);
        assertThat(e.source()).isEqualTo("test.yml");
        assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(column);
        assertThat(e.key()).as("key of %s", e.getMessage()).isEqualTo(key);
        String where = "test.yml:" + line + ":" + column + ": " + (key == null ? "" : key + ": ");
        assertThat(e.getMessage()).startsWith(where).contains(problem);
    }

    @Test
    void messageFormat() {
        ConfigException e = error("""
                version: 1
                tables:
                  customers:
                    cascade:
                      - table: orderz
                        column: customer_id
                  orders: {}
                """);
        assertThat(e.getMessage()).isEqualTo("test.yml:5:16: tables.customers.cascade[0].table: 'orderz' is not a"
                + " configured table; a cascade target must be listed under tables too");
    }

    @Test
    void emptyDocument() {
        assertError("", 1, 1, null, "the file is empty");
        assertError("# just a comment\n", 1, 1, null, "the file is empty");
    }

    @Test
    void documentNotAMapping() {
        assertError("- version\n- tables\n", 1, 1, null, "expected a mapping, found a list");
    }

    @Test
    void yamlSyntaxError() {
        assertError("""
                version: 1
                tables:
                  orders: {}
                 stray: x
                """, 4, 2, null, "invalid YAML");
        assertError("version: 1\ntables: [orders\n", 3, 1, null, "invalid YAML");
    }

    @Test
    void versionMissingOrWrong() {
        assertError("tables:\n  orders: {}\n", 1, 1, "version", "the key 'version' is required");
        assertError("version: 2\ntables:\n  orders: {}\n", 1, 10, "version",
                "must be 1, the only format version, found the number 2");
        assertError("version: \"1\"\ntables:\n  orders: {}\n", 1, 10, "version", "found the string '1'");
    }

    @Test
    void tablesMissingEmptyOrNotAMapping() {
        assertError("version: 1\n", 1, 1, "tables", "the key 'tables' is required");
        assertError("version: 1\ntables: {}\n", 2, 9, "tables", "must list at least one table");
        assertError("version: 1\ntables:\n  - orders\n", 3, 3, "tables", "expected a mapping, found a list");
        assertError("version: 1\ntables:\n  orders:\n", 3, 10, "tables.orders",
                "expected a mapping, found null; write {} for a table with the defaults");
    }

    @Test
    void unknownKeysNameTheAllowedOnes() {
        assertError("version: 1\ncolour: blue\ntables:\n  orders: {}\n", 2, 1, "colour",
                "unknown key 'colour'; allowed keys are: version, defaults, tables, options");
        assertError("version: 1\ndefaults:\n  flag_column: x\ntables:\n  orders: {}\n", 3, 3, "defaults.flag_column",
                "allowed keys are: flag-column, timestamp-column, flag-type, batch-column, actor-column");
        assertError("""
                version: 1
                tables:
                  orders:
                    flag-column: deleted
                    soft-delete: true
                """, 5, 5, "tables.orders.soft-delete",
                "allowed keys are: flag-column, timestamp-column, flag-type, batch-column, actor-column, cascade");
        assertError("""
                version: 1
                tables:
                  orders:
                    cascade:
                      - { table: items, column: order_id, on: delete }
                  items: {}
                """, 5, 43, "tables.orders.cascade[0].on", "allowed keys are: table, column, references");
        assertError("version: 1\ntables: {a: {}}\noptions:\n  dialect: postgres\n", 4, 3, "options.dialect",
                "allowed keys are: on-unparseable, truncate, mode");
    }

    @Test
    void bothColumnsNull() {
        assertError("""
                version: 1
                tables:
                  orders: {}
                  reviews:
                    flag-column: null
                    timestamp-column: ~
                """, 4, 3, "tables.reviews", "flag-column and timestamp-column are both null");
        assertError("""
                version: 1
                defaults:
                  flag-column: null
                tables:
                  reviews:
                    timestamp-column: null
                """, 5, 3, "tables.reviews", "a table needs at least one of them");
    }

    @Test
    void aParentWithCascadesNeedsATimestampColumn() {
        assertError("""
                version: 1
                tables:
                  customers:
                    timestamp-column: null
                    cascade:
                      - { table: orders, column: customer_id }
                  orders: {}
                """, 6, 7, "tables.customers.cascade", "a table with cascades needs a timestamp-column");
    }

    @Test
    void aCascadeTargetNeedsATimestampColumn() {
        assertError("""
                version: 1
                tables:
                  customers:
                    cascade:
                      - { table: orders, column: customer_id }
                  orders:
                    timestamp-column: null
                """, 6, 3, "tables.orders", "is a cascade target of customers, so it needs a timestamp-column");
    }

    @Test
    void cascadeTargetMustBeConfigured() {
        assertError("""
                version: 1
                tables:
                  sales.customers:
                    cascade:
                      - { table: orders, column: customer_id }
                  sales.orders: {}
                """, 5, 18, "tables.sales.customers.cascade[0].table", "'orders' is not a configured table");
    }

    @Test
    void cascadeNeedsTableAndColumn() {
        assertError("version: 1\ntables:\n  a:\n    cascade:\n      - column: a_id\n", 5, 9,
                "tables.a.cascade[0].table", "the key 'table' is required");
        assertError("version: 1\ntables:\n  a:\n    cascade:\n      - table: a\n", 5, 9,
                "tables.a.cascade[0].column", "the key 'column' is required");
    }

    @Test
    void columnAndReferencesLengthsMustMatch() {
        assertError("""
                version: 1
                tables:
                  shipments:
                    cascade:
                      - table: lines
                        column: [region, no]
                        references: [id]
                  lines: {}
                """, 7, 21, "tables.shipments.cascade[0].references",
                "names 1 column(s) but column names 2; they are paired in order");
        assertError("""
                version: 1
                tables:
                  shipments:
                    cascade:
                      - table: lines
                        column: [region, no]
                  lines: {}
                """, 6, 17, "tables.shipments.cascade[0].column",
                "names 2 columns, so references must name as many parent columns");
    }

    @Test
    void namesMustBePlainIdentifiers() {
        assertError("version: 1\ntables:\n  order-items: {}\n", 3, 3, "tables.order-items",
                "'order-items' is not a table name (identifier or schema.identifier)");
        assertError("version: 1\ntables:\n  db.sales.orders: {}\n", 3, 3, "tables.db.sales.orders",
                "is not a table name");
        assertError("version: 1\ntables:\n  orders:\n    flag-column: \"\"\n", 4, 18, "tables.orders.flag-column",
                "'' is not a plain identifier");
        assertError("version: 1\ntables:\n  a:\n    cascade: [{table: b, column: \"b id\"}]\n  b: {}\n", 4, 34,
                "tables.a.cascade[0].column", "'b id' is not a plain identifier");
        assertError("version: 1\ntables:\n  a:\n    cascade: [{table: 'x y', column: b}]\n  b: {}\n", 4, 23,
                "tables.a.cascade[0].table", "'x y' is not a table name");
    }

    @Test
    void duplicateKeys() {
        assertError("version: 1\nversion: 1\ntables:\n  orders: {}\n", 2, 1, "version", "duplicate key 'version'");
        assertError("""
                version: 1
                tables:
                  orders: {}
                  items: {}
                  Orders: {}
                """, 5, 3, "tables.Orders",
                "duplicate table: 'Orders' names the same table as 'orders' on line 3"
                        + " (table names are compared ignoring case)");
        assertError("""
                version: 1
                tables:
                  orders:
                    flag-column: a
                    flag-column: b
                """, 5, 5, "tables.orders.flag-column", "duplicate key 'flag-column'");
    }

    /** An unqualified name stands for every schema's table of that name: a qualified entry of it is a second one. */
    @Test
    void anUnqualifiedTableAndAQualifiedOneOfTheSameNameAreDuplicates() {
        assertError("""
                version: 1
                tables:
                  t1: {}
                  public.T1:
                    cascade: [{table: t2, column: p}]
                  t2: {}
                """, 4, 3, "tables.public.T1", "duplicate table: 'public.T1' and 't1' on line 3 can name the same"
                        + " table (an unqualified name stands for the table of that name in every schema); qualify"
                        + " both, or keep one");
    }

    /** One column in two roles: a soft delete assigned it twice, the actor over the batch id, and lost the cascade. */
    @Test
    void eachColumnRoleNeedsAColumnOfItsOwn() {
        assertError("version: 1\ndefaults:\n  batch-column: note\n  actor-column: Note\ntables:\n  a: {}\n", 6, 3,
                "tables.a", "batch-column and actor-column are both 'note'; each role needs a column of its own");
        assertError("version: 1\ntables:\n  a:\n    timestamp-column: is_deleted\n", 3, 3, "tables.a",
                "flag-column and timestamp-column are both 'is_deleted'; each role needs a column of its own");
    }

    @Test
    void wrongTypes() {
        assertError("version: 1\ndefaults: [is_deleted]\ntables:\n  a: {}\n", 2, 11, "defaults",
                "expected a mapping, found a list");
        assertError("version: 1\ntables:\n  a:\n    flag-column: true\n", 4, 18, "tables.a.flag-column",
                "expected a string, found the boolean true");
        assertError("version: 1\ntables:\n  a:\n    cascade: {table: b, column: a_id}\n  b: {}\n", 4, 14,
                "tables.a.cascade", "expected a list, found a mapping");
        assertError("version: 1\ntables:\n  a:\n    cascade:\n      - [b, a_id]\n  b: {}\n", 5, 9,
                "tables.a.cascade[0]", "expected a mapping, found a list");
        assertError("version: 1\ntables:\n  a:\n    cascade: [{table: b, column: 42}]\n  b: {}\n", 4, 34,
                "tables.a.cascade[0].column", "expected a string, found the number 42");
        assertError("version: 1\ntables:\n  a:\n    cascade: [{table: b, column: [x, 7], references: [id, no]}]\n"
                + "  b: {}\n", 4, 38, "tables.a.cascade[0].column[1]", "expected a string, found the number 7");
        assertError("version: 1\ntables:\n  a:\n    cascade: [{table: b, column: []}]\n  b: {}\n", 4, 34,
                "tables.a.cascade[0].column", "expected at least one column, found an empty list");
        assertError("version: 1\ntables:\n  a: {}\noptions: strict\n", 4, 10, "options",
                "expected a mapping, found the string 'strict'");
        assertError("version: 1\ntables:\n  [a, b]: {}\n", 3, 3, "tables", "a key must be a plain name, found a list");
    }

    @Test
    void enumValues() {
        assertError("version: 1\ntables: {a: {}}\noptions:\n  truncate: delete\n", 4, 13, "options.truncate",
                "'delete' is not one of: reject, soft-delete");
        assertError("version: 1\ntables: {a: {}}\noptions:\n  on-unparseable: ignore\n", 4, 19,
                "options.on-unparseable", "'ignore' is not one of: reject, passthrough");
        assertError("version: 1\ntables: {a: {}}\noptions:\n  mode: dry-run\n", 4, 9, "options.mode",
                "'dry-run' is not one of: enforce, observe");
        assertError("version: 1\ntables:\n  a:\n    flag-type: tinyint\n", 4, 16, "tables.a.flag-type",
                "'tinyint' is not one of: boolean, integer");
    }

    @Test
    void tooManyAliasesAreRefused() {
        String yaml = "version: 1\nx: &a [1]\ny: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\ntables: {a: {}}\n";
        ConfigException e = error(yaml);
        assertThat(e.line()).isZero();
        assertThat(e.getMessage()).startsWith("test.yml: invalid YAML: ")
                .contains("aliases for non-scalar nodes exceeds the specified max=10");
    }

    @Test
    void hugeDocumentsAreRefused() {
        String yaml = "version: 1\ntables:\n  a:\n    flag-column: " + "x".repeat(ConfigLoader.MAX_CODE_POINTS) + "\n";
        ConfigException e = error(yaml);
        assertThat(e.getMessage()).contains("exceeds the limit: " + ConfigLoader.MAX_CODE_POINTS + " code points");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.yml");
        try {
            ConfigLoader.load(file);
            fail("expected a ConfigException");
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isEqualTo(file + ": file not found");
            assertThat(e.source()).isEqualTo(file.toString());
            assertThat(e.line()).isZero();
        }
    }
}
