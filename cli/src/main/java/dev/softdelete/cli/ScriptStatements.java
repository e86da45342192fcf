package dev.softdelete.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements read from a script, as {@code explain} reads its standard input: a statement ends with the line that
 * ends with {@code ;} (trailing blanks allowed), and the {@code ;} is not part of it, as JDBC applications send
 * their statements without one; the text after the last such line is a statement too. So a {@code .sql} file
 * works as it is, and statements copied from a log work with a {@code ;} at the end of each. A statement may span
 * lines; a {@code ;} inside a line (two statements on one line) is left to the driver, which treats the text as
 * one multi-statement string, as it would receive it. Chunks of blanks only are skipped.
 */
final class ScriptStatements {
    /** A statement and the line it starts on (1-based; 0 for one that comes from no script). */
    static final class Statement {
        final String sql;
        final int line;

        Statement(String sql, int line) {
            this.sql = sql;
            this.line = line;
        }
    }

    private ScriptStatements() {
    }

    static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        String[] lines = script.split("\r?\n", -1);
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (current.length() == 0 && line.trim().isEmpty()) {
                continue;
            }
            if (current.length() == 0) {
                start = i + 1;
            } else {
                current.append('\n');
            }
            String trimmed = stripTrailing(line);
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                add(statements, current, start);
            } else {
                current.append(line);
            }
        }
        add(statements, current, start);
        return statements;
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String sql = stripTrailing(text.toString());
        if (!sql.trim().isEmpty()) {
            statements.add(new Statement(sql, line));
        }
        text.setLength(0);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
