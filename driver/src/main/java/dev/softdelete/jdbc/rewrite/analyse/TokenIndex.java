package dev.softdelete.jdbc.rewrite.analyse;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.parser.Token;

/**
 * JSqlParser's tokens of one parse (comments excluded) with their offsets in the original text, verified against
 * it: a token whose reported position does not hold its text makes the whole statement unrewritable.
 */
public final class TokenIndex {
    private final Token[] tokens;
    private final int[] starts;

    private TokenIndex(Token[] tokens, int[] starts) {
        this.tokens = tokens;
        this.starts = starts;
    }

    static TokenIndex of(String sql, Token first) throws PositionException {
        List<Token> list = new ArrayList<>();
        for (Token t = first; t != null && t.kind != 0; t = t.next) {
            list.add(t);
        }
        Token[] tokens = list.toArray(new Token[0]);
        int[] starts = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            starts[i] = start(tokens[i]);
            if (starts[i] < 0 || !sql.startsWith(tokens[i].image, starts[i])) {
                throw new PositionException("token '" + tokens[i].image + "' is not where the parser says");
            }
        }
        return new TokenIndex(tokens, starts);
    }

    /** JSqlParser's {@code absoluteBegin} is 1-based. */
    static int start(Token t) {
        return t.absoluteBegin - 1;
    }

    static int end(Token t) {
        return start(t) + length(t.image);
    }

    /**
     * The length of a token's text in the statement: JSqlParser's image of a hex literal ({@code x'41'}) takes the
     * spaces after it, which a token never ends with (a quoted name or string ends with its quote).
     */
    private static int length(String image) {
        int n = image.length();
        while (n > 0 && Character.isWhitespace(image.charAt(n - 1))) {
            n--;
        }
        return n;
    }

    public int size() {
        return tokens.length;
    }

    public String image(int i) {
        return tokens[i].image;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return starts[i] + length(tokens[i].image);
    }

    /** The index of the first token starting at or after {@code offset}, or {@link #size()}. */
    public int firstAtOrAfter(int offset) {
        int lo = 0;
        int hi = tokens.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The first token in {@code [from, to)} at bracket depth 0 (relative to {@code from}) whose text is one of
     * {@code words} ignoring case; -1 when there is none.
     */
    public int findAtDepthZero(int from, int to, String... words) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            String img = tokens[i].image;
            if ("(".equals(img)) {
                depth++;
            } else if (")".equals(img)) {
                depth--;
            } else if (depth == 0) {
                for (String w : words) {
                    if (w.equalsIgnoreCase(img)) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }
}
