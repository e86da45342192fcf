package dev.softdelete.cli.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The findings of one {@code check}, in the order they were made, and their summary. */
public final class CheckReport {
    private final List<Finding> findings = new ArrayList<>();

    void ok(String subject, String message) {
        add(new Finding(Severity.OK, subject, message));
    }

    void warn(String subject, String message) {
        add(new Finding(Severity.WARN, subject, message));
    }

    void error(String subject, String message) {
        add(new Finding(Severity.ERROR, subject, message));
    }

    /**
     * Adds {@code finding} unless the same line is there already: an unqualified table's lock index and the one of
     * the referenced table it may be (GuardTriggers cannot tell before the search path does) are one object when
     * they are, and counted once.
     */
    private void add(Finding finding) {
        String line = finding.toString();
        for (Finding f : findings) {
            if (f.toString().equals(line)) {
                return;
            }
        }
        findings.add(finding);
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /** One line per finding, then the summary line. */
    public void print(PrintStream out) {
        for (Finding f : findings) {
            out.println(f);
        }
        out.println();
        out.println(summary());
    }

    /** {@code 2 errors, 1 warning, 14 ok: problems found}. */
    public String summary() {
        long errors = count(Severity.ERROR);
        long warnings = count(Severity.WARN);
        return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + count(Severity.OK) + " ok: "
            + (errors > 0 ? "problems found" : warnings > 0 ? "usable, read the warnings" : "all good");
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
