package dev.softdelete.cli.migrate;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A migration plan as a plain SQL file for a migration tool (Flyway, Liquibase, the database's own client): a comment
 * with the purpose of each step, then its statements, each ending with {@code ;} at the end of its last line.
 * PostgreSQL function bodies are dollar-quoted ({@code $softdelete$}), which every PostgreSQL tool reads as one
 * literal. A MySQL/MariaDB trigger body holds {@code ;} between its statements, so each {@code CREATE TRIGGER} stands
 * between a {@code DELIMITER //} line and a {@code DELIMITER ;} line and ends with a {@code //} line: the mysql and
 * mariadb clients and Flyway switch the delimiter there, as for a script of {@code mysqldump}.
 */
public final class MigrationScript {
    /** The delimiter of MySQL/MariaDB trigger statements in the script. */
    public static final String TRIGGER_DELIMITER = "//";

    private MigrationScript() {
    }

    /**
     * The script of {@code plan}.
     *
     * @param heading   the first comment lines (what and where from), without {@code --}
     * @param estimates per step, what it costs a large table (comment lines), for the steps that have one
     */
    public static String render(MigrationPlan plan, Dialect dialect, List<String> heading,
                                Map<MigrationStep, List<String>> estimates) {
        StringBuilder out = new StringBuilder();
        for (String line : heading) {
            out.append("-- ").append(line).append('\n');
        }
        if (plan.isEmpty()) {
            out.append("-- Nothing to do: the schema is ready for the configuration.\n");
        } else if (plan.transactional) {
            out.append("-- PostgreSQL runs DDL in transactions: apply the file in one, and a failure changes nothing\n"
                + "-- (Flyway and Liquibase run each PostgreSQL migration in a transaction; psql: psql -1 -f <file>).\n");
        } else if (dialect.isMySqlFamily()) {
            out.append("-- MySQL/MariaDB commit each DDL statement at once: after a failure, the statements before it\n"
                + "-- stay applied; run migrate again to plan what is still missing.\n"
                + "-- Trigger bodies contain ';': each CREATE TRIGGER stands between 'DELIMITER " + TRIGGER_DELIMITER
                + "' and\n-- 'DELIMITER ;' lines, which the mysql/mariadb clients and Flyway understand.\n");
        } else {
            out.append("-- H2 commits each DDL statement at once.\n");
        }
        if (!plan.notes.isEmpty()) {
            out.append("--\n-- Left as it is:\n");
            for (String note : plan.notes) {
                out.append(comment("  " + note));
            }
        }
        for (MigrationStep step : plan.steps) {
            out.append('\n').append(comment(step.purpose));
            for (String line : estimates.getOrDefault(step, List.of())) {
                out.append(comment("  " + line));
            }
            for (String sql : step.statements) {
                if (dialect.isMySqlFamily() && isTrigger(sql)) {
                    out.append("DELIMITER ").append(TRIGGER_DELIMITER).append('\n').append(sql).append('\n')
                        .append(TRIGGER_DELIMITER).append('\n').append("DELIMITER ;\n");
                } else {
                    out.append(sql).append(";\n");
                }
            }
        }
        return out.toString();
    }

    /** Whether the statement creates a trigger (whose body holds semicolons). */
    static boolean isTrigger(String sql) {
        return sql.trim().toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER");
    }

    /** The text as comment lines of at most about 110 characters; lines after the first indented by two more. */
    static String comment(String text) {
        String trimmed = text.stripLeading();
        String indent = text.substring(0, text.length() - trimmed.length());
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : trimmed.split(" +")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > 110) {
                out.append("-- ").append(line).append('\n');
                line.setLength(0);
                line.append(indent).append("  ");
            } else if (line.length() > indent.length() && line.charAt(line.length() - 1) != ' ') {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append("-- ").append(line).append('\n').toString();
    }

    /**
     * The statements of a script as {@link #render} writes it, in order: a statement ends with a line that ends with
     * {@code ;}, except inside a dollar-quoted body; between {@code DELIMITER //} and {@code DELIMITER ;} a statement
     * ends with a line {@code //}. Comment lines outside statements are left out. This is how the tools above split
     * it, and what tests use to run a written script.
     */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String delimiter = ";";
        boolean dollar = false;
        for (String line : script.split("\n", -1)) {
            String trimmed = line.trim();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            if (current.length() == 0 && trimmed.toUpperCase(Locale.ROOT).startsWith("DELIMITER ")) {
                delimiter = trimmed.substring("DELIMITER ".length()).trim();
                continue;
            }
            if (line.split("\\$softdelete\\$", -1).length % 2 == 0) {
                dollar = !dollar; // an odd number of dollar quotes on the line opens or closes the body
            }
            if (!dollar && delimiter.equals(TRIGGER_DELIMITER) && trimmed.equals(TRIGGER_DELIMITER)) {
                statements.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(line).append('\n');
            if (!dollar && delimiter.equals(";") && trimmed.endsWith(";")) {
                String text = current.toString().trim();
                statements.add(text.substring(0, text.length() - 1).trim());
                current.setLength(0);
            }
        }
        if (!current.toString().trim().isEmpty()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }
}
