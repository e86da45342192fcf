package dev.softdelete.jdbc.rewrite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rewrite cases from a text resource:
 * <pre>
 * == name of the case
 * SQL, one or more lines
 * -> expected SQL | (same) | REFUSED SD001
 * </pre>
 * Lines starting with {@code #} outside a case are comments.
 */
final class RewriteCorpus {
    static final String SAME = "(same)";
    static final String REFUSED = "REFUSED ";

    static final class Case {
        final String name;
        final String sql;
        final String expected;

        Case(String name, String sql, String expected) {
            this.name = name;
            this.sql = sql;
            this.expected = expected;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RewriteCorpus() {
    }

    static List<Case> load(String resource) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = RewriteCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = null;
            StringBuilder sql = null;
            StringBuilder expected = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("== ")) {
                    add(cases, name, sql, expected);
                    name = line.substring(3).trim();
                    sql = new StringBuilder();
                    expected = null;
                } else if (line.startsWith("-> ") && sql != null) {
                    expected = new StringBuilder(line.substring(3));
                } else if (expected != null && !line.isEmpty() && !line.startsWith("#")) {
                    expected.append('\n').append(line);
                } else if (sql != null && expected == null && !(sql.length() == 0 && line.isEmpty())) {
                    sql.append(sql.length() == 0 ? "" : "\n").append(line);
                }
            }
            add(cases, name, sql, expected);
        }
        return cases;
    }

    private static void add(List<Case> cases, String name, StringBuilder sql, StringBuilder expected) {
        if (name != null) {
            if (expected == null) {
                throw new IllegalStateException("case '" + name + "' has no -> line");
            }
            cases.add(new Case(name, sql.toString(), expected.toString()));
        }
    }
}
