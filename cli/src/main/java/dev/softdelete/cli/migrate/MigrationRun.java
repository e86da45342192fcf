package dev.softdelete.cli.migrate;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a plan on a connection, statement by statement, printing each with the time it took and, before a step
 * on a large table, its estimate. Where DDL is transactional (PostgreSQL) everything runs in one transaction: a
 * failure rolls all of it back. Elsewhere (MySQL/MariaDB, H2) each statement commits on its own, and a failure leaves
 * the statements before it applied; planning again continues from there.
 */
public final class MigrationRun {
    private final Connection connection;
    private final PrintStream out;

    public MigrationRun(Connection connection, PrintStream out) {
        this.connection = connection;
        this.out = out;
    }

    /** Runs every statement of {@code plan}; rethrows the first failure after saying what it left behind. */
    public void apply(MigrationPlan plan, Map<MigrationStep, List<String>> estimates) throws SQLException {
        int total = plan.statementCount();
        boolean autoCommit = connection.getAutoCommit();
        long started = System.nanoTime();
        int done = 0;
        if (plan.transactional) {
            connection.setAutoCommit(false);
        }
        try (Statement st = connection.createStatement()) {
            for (MigrationStep step : plan.steps) {
                for (String line : estimates.getOrDefault(step, List.of())) {
                    out.println("  " + line);
                }
                for (String sql : step.statements) {
                    out.print(String.format(Locale.ROOT, "[%d/%d] %s ", done + 1, total, summary(sql)));
                    out.flush();
                    long t = System.nanoTime();
                    st.execute(sql);
                    done++;
                    out.println(seconds(System.nanoTime() - t));
                }
            }
            if (plan.transactional) {
                connection.commit();
            }
            out.println("applied " + total + " statement" + (total == 1 ? "" : "s") + " in "
                + seconds(System.nanoTime() - started) + (plan.transactional ? ", in one transaction" : ""));
        } catch (SQLException e) {
            out.println("failed");
            if (plan.transactional) {
                connection.rollback();
                out.println("rolled back: nothing of the migration was applied");
            } else {
                out.println(done == 0 ? "nothing was applied"
                    : "statements 1 to " + done + " are applied (this database commits each DDL statement at once);"
                        + " run migrate again after fixing the cause: it plans only what is still missing");
            }
            throw e;
        } finally {
            if (plan.transactional) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The statement's first line, shortened to 100 characters. */
    private static String summary(String sql) {
        String first = sql.trim().split("\n", 2)[0];
        return first.length() <= 100 ? first : first.substring(0, 97) + "...";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
