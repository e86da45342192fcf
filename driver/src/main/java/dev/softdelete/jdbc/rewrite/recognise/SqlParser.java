package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statements;

/**
 * Parses SQL with JSqlParser on the calling thread (never {@code CCJSqlParserUtil}, which starts a thread per call):
 * simple mode first, complex mode as the fallback, each within a time budget.
 */
public final class SqlParser {
    /** Deeper nesting than this is refused before parsing: JSqlParser's run time grows steeply with depth. */
    static final int MAX_PAREN_DEPTH = 100;

    private final Dialect dialect;
    private final long budgetMillis;

    public SqlParser(Dialect dialect, long budgetMillis) {
        this.dialect = dialect;
        this.budgetMillis = budgetMillis;
    }

    /** The parse result: the statements and the root of JSqlParser's node tree, which carries token positions. */
    public static final class Result {
        public final Statements statements;
        public final Node root;

        Result(Statements statements, Node root) {
            this.statements = statements;
            this.root = root;
        }
    }

    public Result parse(String sql) throws ParseFailure {
        if (parenDepth(sql) > MAX_PAREN_DEPTH) {
            throw new ParseFailure("nesting deeper than " + MAX_PAREN_DEPTH + " parentheses", null, false);
        }
        long deadline = System.nanoTime() + budgetMillis * 1_000_000L;
        try {
            return parse(sql, false, budgetMillis);
        } catch (ParseFailure simpleModeFailure) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (simpleModeFailure.overBudget() || left <= 0) {
                throw simpleModeFailure;
            }
            return parse(sql, true, left);
        }
    }

    private Result parse(String sql, boolean complex, long millis) throws ParseFailure {
        CCJSqlParser parser = new CCJSqlParser(new StringProvider(sql))
                .withAllowComplexParsing(complex)
                .withSquareBracketQuotation(false)
                .withBackslashEscapeCharacter(dialect.isMySqlFamily());
        ParseBudget.Armed budget = ParseBudget.arm(parser, millis);
        try {
            Statements statements = parser.Statements();
            if (parser.interrupted) {
                throw overBudget(null);
            }
            return new Result(statements, (Node) parser.getASTRoot());
        } catch (ParseFailure e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw parser.interrupted ? overBudget(e) : new ParseFailure(firstLine(e.getMessage()), e, false);
        } finally {
            budget.disarm();
        }
    }

    private ParseFailure overBudget(Throwable cause) {
        return new ParseFailure("parsing took longer than its budget of " + budgetMillis + " ms", cause, true);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "JSqlParser cannot parse it";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Maximum depth of round brackets, ignoring those in quotes; a cheap guard, not a lexer. */
    static int parenDepth(String sql) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }
}
