package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * H2's data change delta table, {@code SELECT id FROM FINAL TABLE (INSERT INTO t ...) t}: the rows a data-changing
 * statement wrote ({@code FINAL} / {@code NEW}) or found ({@code OLD}), read as a table. jOOQ sends it on H2 for
 * every {@code returning()} and for {@code store()} of a new record. JSqlParser cannot parse it, so the engine
 * rewrites the statement inside and the query around it apart.
 */
public final class DeltaTable {
    /** Where the delta table stands: {@code FINAL} to its closing parenthesis, and the statement inside. */
    public static final class Span {
        public final int start;
        public final int innerStart;
        public final int innerEnd;
        public final int end;

        Span(int start, int innerStart, int innerEnd, int end) {
            this.start = start;
            this.innerStart = innerStart;
            this.innerEnd = innerEnd;
            this.end = end;
        }
    }

    private DeltaTable() {
    }

    /**
     * The delta tables of an H2 text: none (an empty list, without a lexing unless the text holds the word
     * {@code TABLE} followed by a parenthesis somewhere), or each one's span; a delta table that does not close
     * gives none, and the parse fails as before.
     */
    public static List<Span> of(String sql, Dialect dialect) {
        if (dialect != Dialect.H2 || !mayHold(sql)) {
            return List.of();
        }
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token kind = tokens.get(i);
            int table = nextIndex(tokens, i + 1);
            int open = table < tokens.size() ? nextIndex(tokens, table + 1) : tokens.size();
            if (open < tokens.size() && (kind.is(sql, "FINAL") || kind.is(sql, "NEW") || kind.is(sql, "OLD"))
                    && tokens.get(table).is(sql, "TABLE") && tokens.get(open).is(sql, '(')) {
                int depth = 0;
                for (int j = open; j < tokens.size(); j++) {
                    if (tokens.get(j).is(sql, '(')) {
                        depth++;
                    } else if (tokens.get(j).is(sql, ')') && --depth == 0) {
                        spans.add(new Span(kind.start, tokens.get(open).end, tokens.get(j).start, tokens.get(j).end));
                        i = j;
                        break;
                    }
                }
            }
        }
        return spans;
    }

    /** The index of the token at {@code from} or after it that is not a comment (the size when none is). */
    private static int nextIndex(List<Token> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).kind == Kind.COMMENT) {
            i++;
        }
        return i;
    }

    /** Whether {@code TABLE} stands somewhere before a parenthesis, ignoring case: a cheap look first. */
    private static boolean mayHold(String sql) {
        for (int at = sql.indexOf('('); at >= 0; at = sql.indexOf('(', at + 1)) {
            int k = at - 1;
            while (k >= 0 && Character.isWhitespace(sql.charAt(k))) {
                k--;
            }
            if (k >= 4 && sql.regionMatches(true, k - 4, "TABLE", 0, 5)) {
                return true;
            }
        }
        return false;
    }
}
