package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;

/** The whitespace and comments before a statement's first token. */
final class LeadingComments {
    private LeadingComments() {
    }

    /**
     * False when {@code sql} starts with a letter other than {@code letter} (lower case), in either case: a statement
     * that starts with another keyword, answered at its first character. With a cold processor cache, reading on
     * past leading comments cost a few microseconds (ColdCacheBenchmark), and most statements have none.
     */
    static boolean mayStartWith(String sql, char letter) {
        if (sql.isEmpty()) {
            return true;
        }
        int lower = sql.charAt(0) | 0x20;
        return lower < 'a' || lower > 'z' || lower == letter;
    }

    /**
     * The offset of the first token of {@code sql}: everything before it is whitespace or comments, read as
     * {@code dialect} reads them. PostgreSQL and H2 nest block comments ({@code /* /* *}{@code / CREATE ... *}{@code /}
     * is one comment there) and end a line comment at a carriage return; MySQL ends a block comment at the first close
     * and a line comment at a line feed only. Every recogniser reads leading comments through here: one that read
     * them otherwise took {@code -- x\rUNDELETE ...\nDELETE ...} for the driver's UNDELETE on MySQL, where the server
     * runs the DELETE.
     */
    static int end(String sql, Dialect dialect) {
        return end(sql, 0, dialect);
    }

    /** As {@link #end(String, Dialect)}, from offset {@code from}: between the words of a statement. */
    static int end(String sql, int from, Dialect dialect) {
        boolean mysql = dialect.isMySqlFamily();
        return skip(sql, from, !mysql, !mysql, dialect == Dialect.H2);
    }

    /**
     * {@code h2}: blanks and comments as H2 reads them (every character up to the space and every Unicode space
     * separator is a blank, {@code //} opens a line comment: a probe's {@code \u00A0ALTER TABLE ...} was no catalog
     * change to the driver). {@code carriageReturnEnds}: whether a line comment ends at a carriage return (PostgreSQL, H2) or at a line feed
     * only (MySQL, MariaDB: a probe's "-- x\rUSE db\nDELETE FROM t" was taken for a move and ran unrewritten).
     */
    private static int skip(String sql, int from, boolean nested, boolean carriageReturnEnds, boolean h2) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (h2 ? SqlLexer.h2Blank(c) : Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("/*", i)) {
                i = blockCommentEnd(sql, i, nested);
            } else if (sql.startsWith("--", i) || c == '#' || h2 && sql.startsWith("//", i)) {
                // PostgreSQL and H2 end a line comment at a carriage return too: stop at the first of them, so
                // that no statement hides behind "--x\r" (on MySQL, which reads on, the text after it is comment
                // anyway). MySQL's # comments are skipped alike; no statement of the other dialects starts with #
                while (i < n && sql.charAt(i) != '\n' && (!carriageReturnEnds || sql.charAt(i) != '\r')) {
                    i++;
                }
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * The offset past the block comment that opens at {@code at}, or the text's end when it does not close:
     * {@code nested}, as PostgreSQL and H2 read it (an inner {@code /*} opens a comment the next close ends), else as
     * MySQL does (the first close ends it).
     */
    static int blockCommentEnd(String sql, int at, boolean nested) {
        int n = sql.length();
        int depth = 1;
        int i = at + 2;
        while (i < n && depth > 0) {
            if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else if (nested && sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }
}
