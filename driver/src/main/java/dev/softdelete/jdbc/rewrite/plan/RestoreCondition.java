package dev.softdelete.jdbc.rewrite.plan;

import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.schema.Column;

/**
 * The condition of an UNDELETE, which the restore repeats in several statements (the parents' lock and check, the
 * capture of the rows' keys and events, the restore of the rows): each must find the same rows, or children come
 * back under parents that stay deleted. So the condition may hold only what reads alike in every statement of one
 * transaction: the table's columns, literal values, and operators on them. A function call ({@code random()},
 * {@code clock_timestamp()}, MySQL's {@code NOW()}, which is read per statement), a time keyword
 * ({@code CURRENT_TIMESTAMP}), a variable or a subquery (a plain table that another transaction changes in between)
 * could answer otherwise from one statement to the next; so could a system column of the row version
 * ({@code xmax}: the capture's row lock sets it).
 */
final class RestoreCondition {
    /** Words that parse as a column without parentheses and that the database reads as the time or the user. */
    private static final Set<String> KEYWORDS = Set.of("current_timestamp", "current_date", "current_time",
            "localtimestamp", "localtime", "sysdate", "systimestamp", "now", "current_user", "session_user", "user",
            "current_role", "current_schema", "current_catalog", "unix_timestamp", "utc_timestamp", "utc_date",
            "utc_time");

    /** H2's row numbers, which the restore's statements may number otherwise. */
    private static final Set<String> ROW_NUMBERS = Set.of("rownum", "_rowid_");

    private RestoreCondition() {
    }

    /** What in {@code condition} may read otherwise from one statement to the next, as the user wrote it; or null. */
    static String unstablePart(Expression condition) {
        if (condition == null || condition instanceof LongValue || condition instanceof DoubleValue
                || condition instanceof StringValue || condition instanceof NullValue
                || condition instanceof DateValue || condition instanceof TimeValue
                || condition instanceof TimestampValue || condition instanceof HexValue
                || condition instanceof BooleanValue || condition instanceof DateTimeLiteralExpression) {
            return null;
        }
        if (condition instanceof Column) {
            Column c = (Column) condition;
            String name = c.getColumnName().toLowerCase(Locale.ROOT);
            // PostgreSQL's row version (TargetPlanner's system columns): the capture's row lock sets xmax
            return TargetPlanner.SYSTEM_COLUMNS.contains(name) || ROW_NUMBERS.contains(name)
                    || c.getTable() == null && KEYWORDS.contains(name)
                    ? c.getColumnName() : null;
        }
        if (condition instanceof BinaryExpression) {
            BinaryExpression b = (BinaryExpression) condition;
            return first(unstablePart(b.getLeftExpression()), unstablePart(b.getRightExpression()));
        }
        if (condition instanceof ExpressionList) { // parentheses, and the list of an IN
            for (Object e : (ExpressionList<?>) condition) {
                String part = unstablePart((Expression) e);
                if (part != null) {
                    return part;
                }
            }
            return null;
        }
        if (condition instanceof NotExpression) {
            return unstablePart(((NotExpression) condition).getExpression());
        }
        if (condition instanceof SignedExpression) {
            return unstablePart(((SignedExpression) condition).getExpression());
        }
        if (condition instanceof IsNullExpression) {
            return unstablePart(((IsNullExpression) condition).getLeftExpression());
        }
        if (condition instanceof IsBooleanExpression) {
            return unstablePart(((IsBooleanExpression) condition).getLeftExpression());
        }
        if (condition instanceof Between) {
            Between b = (Between) condition;
            return first(unstablePart(b.getLeftExpression()), first(unstablePart(b.getBetweenExpressionStart()),
                    unstablePart(b.getBetweenExpressionEnd())));
        }
        if (condition instanceof InExpression) {
            InExpression in = (InExpression) condition;
            Expression right = in.getRightExpression();
            return first(unstablePart(in.getLeftExpression()),
                    right instanceof ExpressionList ? unstablePart(right) : String.valueOf(right));
        }
        if (condition instanceof CastExpression) {
            return unstablePart(((CastExpression) condition).getLeftExpression());
        }
        if (condition instanceof IntervalExpression) {
            Expression e = ((IntervalExpression) condition).getExpression();
            return e == null ? null : unstablePart(e);
        }
        return condition.toString();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
