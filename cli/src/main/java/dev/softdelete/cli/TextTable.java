package dev.softdelete.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed as an aligned text table, in the manner of psql: a header, a rule, one line per row. Cells are
 * flattened to one line and cut at {@value #MAX_WIDTH} characters; right-aligned columns suit numbers.
 */
final class TextTable {
    /** The widest a cell is printed; longer values end in {@code ...}. */
    static final int MAX_WIDTH = 60;

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, boolean[] rightAligned) {
        if (headers.size() != rightAligned.length) {
            throw new IllegalArgumentException("one alignment per column");
        }
        this.headers = new ArrayList<>(headers);
        this.rightAligned = rightAligned.clone();
    }

    void addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells");
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(flatten(cell));
        }
        rows.add(row);
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = flatten(headers.get(i)).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            header.append(i == 0 ? " " : " | ").append(pad(flatten(headers.get(i)), widths[i], false));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(header.toString().replaceAll("\\s+$", ""));
        out.println(rule.append('-'));
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == 0 ? " " : " | ").append(pad(row.get(i), widths[i], rightAligned[i]));
            }
            out.println(line.toString().replaceAll("\\s+$", ""));
        }
    }

    private static String flatten(String value) {
        String flat = value.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() <= MAX_WIDTH ? flat : flat.substring(0, MAX_WIDTH - 3) + "...";
    }

    private static String pad(String value, int width, boolean right) {
        String fill = " ".repeat(width - value.length());
        return right ? fill + value : value + fill;
    }
}
