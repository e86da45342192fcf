package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.RestorePlan;
import dev.softdelete.jdbc.rewrite.Rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate between the wrappers and the rewrite. */
class StatementGateTest {

    @Test
    void returnsTheRewriteWithTheCurrentVisibility() throws SQLException {
        List<Visibility> seen = new ArrayList<>();
        StatementGate gate = new StatementGate((sql, visibility) -> {
            seen.add(visibility);
            return Rewrite.replacedBy(sql + " /* rewritten */");
        }, Visibility.ACTIVE);

        assertThat(gate.rewrite("SELECT 1")).isEqualTo("SELECT 1 /* rewritten */");
        gate.visibility(Visibility.ONLY_DELETED);
        gate.rewrite("SELECT 2");

        assertThat(gate.visibility()).isEqualTo(Visibility.ONLY_DELETED);
        assertThat(seen).containsExactly(Visibility.ACTIVE, Visibility.ONLY_DELETED);
    }

    @Test
    void aRefusalBecomesAnSqlExceptionWithItsState() {
        StatementRefusedException refusal = new StatementRefusedException(StatementRefusedException.FORBIDDEN,
                "TRUNCATE of orders is rejected");
        StatementGate gate = new StatementGate((sql, visibility) -> {
            throw refusal;
        }, Visibility.ACTIVE);

        assertThatThrownBy(() -> gate.rewrite("TRUNCATE TABLE orders"))
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("TRUNCATE of orders is rejected")
                .hasCause(refusal)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD002"));
    }

    @Test
    void nullIsLeftForTheDelegateToReject() throws SQLException {
        StatementGate gate = new StatementGate((sql, visibility) -> {
            throw new AssertionError("not called");
        }, Visibility.ACTIVE);

        assertThat(gate.rewrite(null)).isNull();
    }

    @Test
    void theVisibilityIsNeverNull() {
        StatementGate gate = new StatementGate((sql, visibility) -> Rewrite.UNCHANGED, Visibility.ACTIVE);

        assertThatThrownBy(() -> gate.visibility(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSameTextObjectIsRememberedFromItsSecondMissWhileTheVisibilityStays() throws SQLException {
        List<String> asked = new ArrayList<>();
        StatementGate gate = new StatementGate((sql, visibility) -> {
            asked.add(visibility + " " + sql);
            return Rewrite.replacedBy(sql + " /* " + visibility + " */");
        }, Visibility.ACTIVE);
        String sql = "SELECT * FROM orders WHERE id = ?";

        for (int i = 0; i < 3; i++) {
            assertThat(gate.rewrite(sql)).isEqualTo(sql + " /* ACTIVE */");
        }
        gate.visibility(Visibility.ONLY_DELETED);
        assertThat(gate.rewrite(sql)).isEqualTo(sql + " /* ONLY_DELETED */");
        assertThat(gate.rewrite(sql)).isEqualTo(sql + " /* ONLY_DELETED */");
        gate.visibility(Visibility.ACTIVE);
        assertThat(gate.rewrite(sql)).isEqualTo(sql + " /* ACTIVE */");
        assertThat(gate.rewrite(sql)).isEqualTo(sql + " /* ACTIVE */");

        // the first miss is only noted; the second is remembered; one slot per text, and a text noted already is
        // remembered at its next miss: switching back asks again, once
        assertThat(asked).containsExactly("ACTIVE " + sql, "ACTIVE " + sql, "ONLY_DELETED " + sql, "ACTIVE " + sql);
    }

    @Test
    void textsSeenOnceAreNotRemembered() throws SQLException {
        List<String> asked = new ArrayList<>();
        StatementGate gate = new StatementGate((sql, visibility) -> {
            asked.add(sql);
            return Rewrite.UNCHANGED;
        }, Visibility.ACTIVE);
        String first = "SELECT * FROM ledger WHERE id = 1";

        gate.check(first);
        for (int i = 2; i < 2 + 10 * StatementGate.RECENT; i++) {
            gate.check("SELECT * FROM ledger WHERE id = " + i); // new literals every time
        }
        gate.check(first);
        gate.check(first);
        gate.check(first);

        // the one-off texts of its slot replaced its note: the first text misses twice more before it is remembered
        assertThat(asked).filteredOn(first::equals).hasSize(3);
        assertThat(asked).hasSize(3 + 10 * StatementGate.RECENT);
    }

    @Test
    void aTextNewToItsSlotIsAskedAsNewAndOneMetBeforeAsKnown() throws SQLException {
        List<String> asked = new ArrayList<>();
        StatementGate gate = new StatementGate(new StatementGate.Rewriter() {
            @Override
            public Rewrite rewrite(String sql, Visibility visibility) {
                asked.add("known " + sql);
                return Rewrite.UNCHANGED;
            }

            @Override
            public Rewrite rewriteNew(String sql, Visibility visibility) {
                asked.add("new " + sql);
                return Rewrite.UNCHANGED;
            }
        }, Visibility.ACTIVE);
        String repeated = "SELECT * FROM ledger WHERE id = ?";
        String longText = "SELECT 1 FROM t WHERE " + "x = 1 AND ".repeat(StatementGate.MAX_REMEMBERED_LENGTH / 10)
                + "TRUE";

        gate.check(repeated);
        gate.check(repeated);
        gate.check(repeated); // remembered: not asked
        gate.check("SELECT * FROM ledger WHERE id = 7");
        gate.check(longText);

        // a text too long to be remembered is never noted either: it keeps the cache-first way
        assertThat(asked).containsExactly("new " + repeated, "known " + repeated,
                "new SELECT * FROM ledger WHERE id = 7", "known " + longText);
    }

    @Test
    void anEqualTextThatIsAnotherObjectAsksTheEngineAgain() throws SQLException {
        List<String> asked = new ArrayList<>();
        StatementGate gate = new StatementGate((sql, visibility) -> {
            asked.add(sql);
            return Rewrite.UNCHANGED;
        }, Visibility.ACTIVE);
        String sql = "SELECT 1";

        gate.check(sql);
        gate.check(new String(sql));

        assertThat(asked).hasSize(2);
    }

    @Test
    void observingLetsEveryStatementThroughAsWritten() throws SQLException {
        StatementGate gate = new StatementGate((sql, visibility) -> {
            if (sql.startsWith("TRUNCATE")) {
                throw new StatementRefusedException(StatementRefusedException.FORBIDDEN, "TRUNCATE is rejected");
            }
            return Rewrite.replacedBy(sql + " /* rewritten */");
        }, Visibility.ACTIVE, Mode.OBSERVE, StatementRecorder.silent());

        assertThat(gate.observing()).isTrue();
        assertThat(gate.check("SELECT * FROM orders")).isSameAs(Rewrite.UNCHANGED);
        assertThat(gate.check("TRUNCATE orders")).isSameAs(Rewrite.UNCHANGED);
        String truncate = "TRUNCATE orders WHERE 1 = 1";
        assertThat(gate.check(truncate)).as("remembered").isSameAs(Rewrite.UNCHANGED);
        assertThat(gate.check(truncate)).isSameAs(Rewrite.UNCHANGED);
    }

    @Test
    void observingStillRunsAndRefusesUndelete() throws SQLException {
        Rewrite restore = Rewrite.restore("UPDATE orders SET is_deleted = FALSE",
                new RestorePlan(List.of(), List.of(), null, List.of(), "t", List.of(), Map.of(), Map.of()));
        StatementGate gate = new StatementGate((sql, visibility) -> {
            if (sql.contains("notes")) {
                throw new StatementRefusedException(StatementRefusedException.FORBIDDEN, "not a soft-delete table");
            }
            return restore;
        }, Visibility.ACTIVE, Mode.OBSERVE, StatementRecorder.silent());

        assertThat(gate.check("/* c */ UNDELETE FROM orders")).isSameAs(restore);
        assertThat(restore.restore()).isTrue();
        assertThat(restore.grouped()).as("a restore always runs as a group").isTrue();
        assertThatThrownBy(() -> gate.check("undelete from notes"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD002"));
    }

    @Test
    void refusalsAndLongTextsAreNotRemembered() throws SQLException {
        int[] calls = new int[1];
        StatementGate refusing = new StatementGate((sql, visibility) -> {
            calls[0]++;
            throw new StatementRefusedException(StatementRefusedException.UNREWRITABLE, "no");
        }, Visibility.ACTIVE);
        String truncate = "TRUNCATE orders";
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> refusing.check(truncate)).isInstanceOf(SQLException.class);
        }
        assertThat(calls[0]).isEqualTo(3);

        calls[0] = 0;
        StatementGate gate = new StatementGate((sql, visibility) -> {
            calls[0]++;
            return Rewrite.UNCHANGED;
        }, Visibility.ACTIVE);
        String longText = "SELECT 1 FROM t WHERE " + "x = 1 AND ".repeat(StatementGate.MAX_REMEMBERED_LENGTH / 10)
                + "TRUE";
        gate.check(longText);
        gate.check(longText);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void manyTextsSharingSlotsAlwaysGetTheirOwnRewrite() throws Exception {
        StatementGate gate = new StatementGate((sql, visibility) -> Rewrite.replacedBy(sql + " /* own */"),
                Visibility.ACTIVE);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10 * StatementGate.RECENT; i++) {
            texts.add("SELECT " + i);
        }
        Thread[] threads = new Thread[4];
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        for (String sql : texts) {
                            assertThat(gate.rewrite(sql)).isEqualTo(sql + " /* own */");
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }
}
