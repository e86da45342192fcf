package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which soft deletes time themselves: those with nothing around them (no cascade, no foreign-key check, no batch or
 * actor column) on a database with a per-statement clock. They are one statement, and their text carries the
 * database's clock where the others carry the session's event timestamp.
 */
class SelfTimedEventTest {
    private static Rewrite rewrite(RewriteEngine engine, String sql) throws StatementRefusedException {
        return engine.rewrite(sql, Visibility.ACTIVE);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL", "MARIADB"})
    void aDeleteWithoutCascadesTimesItselfWithTheDatabasesClock(Dialect dialect) throws Exception {
        Rewrite r = rewrite(Engines.engine(dialect), "DELETE FROM orders WHERE id = ?");
        assertThat(r.deleteEvent()).isTrue();
        assertThat(r.selfTimed()).isTrue();
        assertThat(r.setsEventFirst()).as("no statement before it").isFalse();
        assertThat(r.grouped()).isTrue();
        assertThat(r.sqlFor("DELETE FROM orders WHERE id = ?"))
                .isEqualTo("UPDATE orders SET is_deleted = TRUE, deleted_at = " + dialect.statementTimestamp()
                        + " WHERE (id = ?) AND orders.is_deleted = FALSE")
                .doesNotContain(dialect.eventTimestamp());
    }

    @Test
    void theClocksAreTheDatabasesPerStatementOnesAtTenMicroseconds() {
        assertThat(Dialect.POSTGRESQL.statementTimestamp()).isEqualTo("CAST(statement_timestamp() AS TIMESTAMP(5))");
        assertThat(Dialect.MARIADB.statementTimestamp()).isEqualTo("NOW(5)");
        assertThat(Dialect.MYSQL.statementTimestamp()).isEqualTo("NOW(5)");
        assertThat(Dialect.H2.statementTimestamp()).as("H2's clock is the transaction's").isNull();
        assertThat(Dialect.GENERIC.statementTimestamp()).isNull();
    }

    @Test
    void onH2TheEventIsStillSetFirst() throws Exception {
        Rewrite r = rewrite(Engines.engine(Dialect.H2), "DELETE FROM orders WHERE id = 1");
        assertThat(r.selfTimed()).isFalse();
        assertThat(r.setsEventFirst()).isTrue();
        assertThat(r.sqlFor("DELETE FROM orders WHERE id = 1")).contains(Dialect.H2.eventTimestamp());
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aCascadingDeleteSharesTheDriversEventWithItsChildren(Dialect dialect) throws Exception {
        Rewrite r = rewrite(Engines.engine(dialect), "DELETE FROM customers WHERE id = 1");
        assertThat(r.after()).isNotEmpty();
        assertThat(r.selfTimed()).isFalse();
        assertThat(r.setsEventFirst()).isTrue();
        assertThat(r.sqlFor("DELETE FROM customers WHERE id = 1")).contains(dialect.eventTimestamp())
                .doesNotContain(dialect.statementTimestamp());
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aDeleteCheckedByAForeignKeyIsTimedByTheDriver(Dialect dialect) throws Exception {
        Catalog restrict = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey("payments_order", TableName.parse(
                "payments"), List.of("order_id"), TableName.parse("orders"), List.of("id"),
                ForeignKey.OnDelete.RESTRICT).configured(null, TableName.parse("orders"))), List.of());
        RewriteEngine engine = new RewriteEngine(Engines.config(Options.DEFAULTS), dialect, restrict);
        Rewrite r = rewrite(engine, "DELETE FROM orders WHERE id = 1");
        assertThat(r.checks()).isNotEmpty();
        assertThat(r.selfTimed()).isFalse();
        assertThat(r.setsEventFirst()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aBatchOrActorColumnTakesItsValueFromTheSessionSoTheEventIsSetFirst(Dialect dialect) throws Exception {
        for (TableConfig notes : List.of(
                new TableConfig(TableName.parse("notes"), null, FlagType.BOOLEAN, "deleted_at", "batch_id", null,
                        List.of()),
                new TableConfig(TableName.parse("notes"), null, FlagType.BOOLEAN, "deleted_at", null, "deleted_by",
                        List.of()))) {
            RewriteEngine engine = new RewriteEngine(new SoftDeleteConfig("test", List.of(notes), Options.DEFAULTS),
                    dialect);
            Rewrite r = rewrite(engine, "DELETE FROM notes WHERE id = 1");
            assertThat(r.selfTimed()).as(notes.batchColumn() + "/" + notes.actorColumn()).isFalse();
            assertThat(r.setsEventFirst()).isTrue();
        }
    }

    @Test
    void aMultiTableDeleteOfTablesWithoutCascadesIsOneSelfTimedStatement() throws Exception {
        String sql = "DELETE o, r FROM orders o JOIN reviews r ON r.id = o.id WHERE o.id = ?";
        Rewrite r = rewrite(Engines.engine(Dialect.MARIADB), sql);
        assertThat(r.selfTimed()).isTrue();
        assertThat(r.sqlFor(sql)).isEqualTo("UPDATE orders o JOIN reviews r ON (r.id = o.id) AND r.removed_at IS NULL"
                + " SET o.is_deleted = TRUE, o.deleted_at = NOW(5), r.removed_at = NOW(5) WHERE (o.id = ?)"
                + " AND o.is_deleted = FALSE");
    }

    /**
     * A literal that spells what the rewrite writes stays as written. (One that names the driver's own variables,
     * {@code '@softdelete_event_at'}, is refused on both paths: the literal-shape path once let it through.)
     */
    @Test
    void theAuthorsTextIsNeverTouchedEvenWhenItSpellsTheRewrittenExpression() throws Exception {
        String sql = "DELETE FROM orders WHERE note = 'SET o.deleted_at = NOW(5)' AND id = ?";
        String sent = rewrite(Engines.engine(Dialect.MARIADB), sql).sqlFor(sql);
        assertThat(sent).contains("deleted_at = NOW(5) WHERE").contains("note = 'SET o.deleted_at = NOW(5)'");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void parameterMarkersAreTheApplicationsOnly(Dialect dialect) throws Exception {
        String sql = "DELETE FROM orders WHERE id = ? AND total < ?";
        String sent = rewrite(Engines.engine(dialect), sql).sqlFor(sql);
        assertThat(sent.chars().filter(c -> c == '?').count()).isEqualTo(2);
        assertThat(sent.indexOf("id = ?")).isLessThan(sent.indexOf("total < ?"));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void statementsThatDeleteNothingAreNoEvent(Dialect dialect) throws Exception {
        for (String sql : List.of("SELECT * FROM orders", "UPDATE orders SET total = 1 WHERE id = 2",
                "INSERT INTO orders (id) VALUES (3)")) {
            Rewrite r = rewrite(Engines.engine(dialect), sql);
            assertThat(r.deleteEvent()).as(sql).isFalse();
            assertThat(r.selfTimed()).as(sql).isFalse();
            assertThat(r.setsEventFirst()).as(sql).isFalse();
        }
    }

    @Test
    void theLiteralShapePathKeepsTheVerdict() throws Exception {
        RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);
        for (int id = 1; id <= 3; id++) {
            String sql = "DELETE FROM orders WHERE id = " + id;
            Rewrite r = rewrite(engine, sql);
            assertThat(r.selfTimed()).as(sql).isTrue();
            assertThat(r.sqlFor(sql)).isEqualTo("UPDATE orders SET is_deleted = TRUE, deleted_at = CAST("
                    + "statement_timestamp() AS TIMESTAMP(5)) WHERE (id = " + id + ") AND orders.is_deleted = FALSE");
        }
    }
}
