package dev.softdelete.cli;

import dev.softdelete.jdbc.rewrite.CascadeStep;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the driver makes of one statement, printed for people: the text the application sends, then the statements
 * the driver sends in its place, in the order they run, each with what it is for; or that the text goes as written;
 * or the refusal. {@code explain} prints one per statement, and the demo one per step.
 */
final class Explanation {
    private static final String APPLICATION = "  application  ";
    private static final String DRIVER = "  driver       ";
    private static final String MARGIN = "               ";

    /** One statement the driver sends, and what it is for (null: the statement itself). */
    private static final class Sent {
        final String sql;
        final String role;

        Sent(String sql, String role) {
            this.sql = sql;
            this.role = role;
        }
    }

    private final String sql;
    private final Rewrite rewrite;
    private final StatementRefusedException refusal;
    private final Dialect dialect;

    private Explanation(String sql, Rewrite rewrite, StatementRefusedException refusal, Dialect dialect) {
        this.sql = sql;
        this.rewrite = rewrite;
        this.refusal = refusal;
        this.dialect = dialect;
    }

    static Explanation of(String sql, Rewrite rewrite, Dialect dialect) {
        return new Explanation(sql, rewrite, null, dialect);
    }

    static Explanation refused(String sql, StatementRefusedException refusal) {
        return new Explanation(sql, null, refusal, null);
    }

    boolean isRefused() {
        return refusal != null;
    }

    /** The statements the driver sends, in order, the application's own one included; empty when refused. */
    List<String> sentStatements() {
        List<String> texts = new ArrayList<>();
        for (Sent s : sent()) {
            texts.add(s.sql);
        }
        return texts;
    }

    void print(PrintStream out) {
        out.println(APPLICATION + indented(sql, MARGIN));
        if (refusal != null) {
            out.println(DRIVER + "refuses it, SQLState " + refusal.sqlState() + ":");
            out.println(MARGIN + indented(refusal.getMessage(), MARGIN));
            return;
        }
        if (rewrite.unchanged()) {
            out.println(DRIVER + "sends it as written, byte for byte");
            return;
        }
        List<Sent> sent = sent();
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            String number = sent.size() == 1 ? "" : (i + 1) + ". ";
            String margin = MARGIN + " ".repeat(number.length());
            out.println((i == 0 ? DRIVER : MARGIN) + number + indented(s.sql, margin));
            if (s.role != null) {
                out.println(margin + "(" + s.role + ")");
            }
        }
        if (rewrite.restore() || !rewrite.after().isEmpty() || !rewrite.checks().isEmpty()) {
            out.println(MARGIN + "all or nothing: in a transaction of their own, or behind a savepoint in the"
                + " application's");
        }
    }

    private List<Sent> sent() {
        List<Sent> sent = new ArrayList<>();
        if (refusal != null) {
            return sent;
        }
        if (rewrite.unchanged()) {
            sent.add(new Sent(sql, null));
            return sent;
        }
        if (rewrite.restore()) {
            for (String[] step : rewrite.restorePlan().steps(rewrite.sqlFor(sql))) {
                sent.add(new Sent(step[1], step[0]));
            }
            return sent;
        }
        if (rewrite.setsEventFirst() && dialect.setEventStatement() != null) {
            sent.add(new Sent(dialect.setEventStatement(),
                    "starts the delete event: its timestamp, id and actor as parameters"));
        }
        sent.add(new Sent(rewrite.sqlFor(sql), rewrite.selfTimed() ? "a delete event in one statement: its"
                + " timestamp is the database's clock at the statement's start" : null));
        String repeat = rewrite.afterRepeats() ? ", repeated until no row changes (the cascade map has a cycle)" : "";
        for (CascadeStep step : rewrite.after()) {
            if (step.statement() != null) {
                sent.add(new Sent(step.statement(), "cascade" + repeat));
            } else {
                sent.add(new Sent(step.keyQuery(), "cascade, first the keys of the rows the event deleted" + repeat));
                sent.add(new Sent(step.updateByKeys().shown("<those keys>"), "cascade, then their children by key"));
            }
        }
        for (Rewrite.Guard check : rewrite.checks()) {
            if (check.keyQuery != null) {
                sent.add(new Sent(check.keyQuery, "a check after it all, first the keys of the rows the event"
                        + " deleted"));
                sent.add(new Sent(check.byKeys.shown("<those keys>"), "then the rows that still"
                        + " reference them: a row here undoes everything, " + failure(check)));
            } else {
                sent.add(new Sent(check.query, "a check after it all: a row here undoes everything, "
                        + failure(check)));
            }
        }
        return sent;
    }

    private static String failure(Rewrite.Guard guard) {
        return "SQLState " + guard.sqlState + ": " + guard.message;
    }

    /** {@code text} with its line breaks followed by {@code margin}, so that it stays in its column. */
    private static String indented(String text, String margin) {
        return String.valueOf(text).replace("\r\n", "\n").replace("\n", "\n" + margin);
    }
}
