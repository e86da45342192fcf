package dev.softdelete.it.rewrite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the rewrite corpora ({@code driver/src/test/resources/rewrite/*.txt}), read in the same format as the
 * driver's unit test reads them:
 * <pre>
 * == name of the case
 * SQL, one or more lines
 * -> expected SQL | (same) | REFUSED SD001
 * </pre>
 *
 * @param file     the corpus file name, e.g. {@code common.txt}
 * @param name     the case's name
 * @param sql      the original statement
 * @param expected the expected rewrite, {@code (same)} or {@code REFUSED <SQLState>}
 */
record CorpusCase(String file, String name, String sql, String expected) {
    private static final String REFUSED = "REFUSED ";

    /** The SQLState the case expects the driver to refuse with, or null when it must run. */
    String refusedState() {
        return expected.startsWith(REFUSED) ? expected.substring(REFUSED.length()).trim() : null;
    }

    /** The text the driver is expected to send, with {@code <now>} spelled as {@code now}. */
    String expectedText(String now) {
        return "(same)".equals(expected) ? sql : expected.replace("<now>", now);
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }

    /** Reads every case of {@code file}. */
    static List<CorpusCase> load(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        List<CorpusCase> cases = new ArrayList<>();
        String name = null;
        StringBuilder sql = null;
        StringBuilder expected = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("== ")) {
                add(cases, fileName, name, sql, expected);
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
        add(cases, fileName, name, sql, expected);
        return cases;
    }

    private static void add(List<CorpusCase> cases, String file, String name, StringBuilder sql,
                            StringBuilder expected) {
        if (name != null) {
            if (expected == null) {
                throw new IllegalStateException(file + ": case '" + name + "' has no -> line");
            }
            cases.add(new CorpusCase(file, name, sql.toString(), expected.toString()));
        }
    }
}
