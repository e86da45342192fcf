package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.Options;
import dev.softdelete.config.TruncatePolicy;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.recognise.RowFreeDdl;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer;
import dev.softdelete.jdbc.rewrite.recognise.StatementHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.show.ShowIndexStatement;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Plans the rewrite of a parsed SQL string, statement by statement, then checks that every reference to a
 * configured table was handled: a reference no planner claimed makes the whole string refused. That check is what
 * makes the driver fail closed — a construct the planners do not know can never slip through unfiltered.
 */
public final class StatementPlanner {
    /**
     * A locking clause anywhere in a statement: MySQL's {@code LOCK IN SHARE MODE}, which the parser does not read
     * (it reads a copy with the clause masked), and {@code FOR UPDATE} / {@code FOR SHARE} of any block (an outer
     * one over a derived table locks, where MySQL merges the derived table, the tables inside it).
     */
    private static final Pattern LOCKING_CLAUSE;

    static {
        String gap = "(?:\\s|/\\*.*?\\*/|--[^\\n]*|#[^\\n]*)+"; // blanks and comments between the words
        LOCKING_CLAUSE = Pattern.compile("(?is)\\bLOCK" + gap + "IN" + gap + "SHARE" + gap + "MODE\\b|\\bFOR" + gap
                + "(UPDATE|SHARE)\\b");
    }

    /** MySQL's limit on the length of an alias. */
    private static final int MAX_ALIAS_LENGTH = 256;

    private final Dialect dialect;
    private final Options options;
    private final Catalog catalog;

    public StatementPlanner(Dialect dialect, Options options, Catalog catalog) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.options = options;
    }

    public RewritePlan plan(SyntaxTree tree, Visibility visibility, StatementHints hints)
            throws StatementRefusedException {
        PlanContext ctx = new PlanContext(tree, visibility, dialect, catalog);
        List<Statement> statements = tree.statements();
        for (int i = 0; i < statements.size(); i++) {
            ctx.plan.statement(i);
            planStatement(ctx, statements.get(i), tree.statementSpan(i), hints);
        }
        for (TableRef ref : ctx.wrappedWithSchema) {
            DerivedTableColumns.dropSchemas(ctx, ref);
        }
        for (TableRef ref : tree.refs()) {
            if (ref.unhandled()) {
                throw Refusals.unrewritable(ref, describe(ref, tree));
            }
            if (ref.inUnreadSchema && !ref.qualifierOnly) {
                throw Refusals.unrewritable("table " + ref.table.getFullyQualifiedName() + " inherits from or is a"
                        + " partition of a table that softdelete.yml names, in a schema whose partitions and keys the"
                        + " driver did not read: its rows are soft-delete rows, deleted ones included; the driver"
                        + " reads the catalog of the schemas the connection found tables in when it opened (search"
                        + " path) and of those softdelete.yml names: list the table qualified there, or move the"
                        + " session to that schema (SET search_path)");
            }
            if (ref.reachesConfigured && !ref.qualifierOnly && !afterOnly(tree, ref)) {
                throw Refusals.unrewritable("table " + ref.table.getFullyQualifiedName() + " is not a soft-delete"
                        + " table, but soft-delete tables inherit from it or are its partitions, and it reads, changes"
                        + " or deletes their rows too, deleted ones included, where the driver cannot filter them;"
                        + " write ONLY " + ref.table.getFullyQualifiedName() + " for its own rows, name the"
                        + " soft-delete tables themselves, or configure it");
            }
        }
        return ctx.plan;
    }

    /**
     * Whether the reference is written {@code ONLY t} or {@code ONLY (t)} (PostgreSQL: the table's own rows, no
     * descendant's), as the database reads the text: comments between are skipped, a comment is never the word.
     */
    private static boolean afterOnly(SyntaxTree tree, TableRef ref) {
        List<SqlLexer.Token> before = new ArrayList<>();
        String text = tree.text(new Span(0, ref.name.start));
        for (SqlLexer.Token t : SqlLexer.tokens(text, Dialect.POSTGRESQL)) {
            if (t.kind != SqlLexer.Kind.COMMENT) {
                before.add(t);
            }
        }
        int last = before.size() - 1;
        if (last >= 1 && before.get(last).is(text, '(')) {
            last--;
        }
        return last >= 0 && before.get(last).is(text, "ONLY");
    }

    private void planStatement(PlanContext ctx, Statement s, Span span, StatementHints hints)
            throws StatementRefusedException {
        if (s instanceof Alter && !hints.hardDelete()
                && RowFreeDdl.removesPartitionRows(ctx.tree.text(span), dialect)) {
            for (TableRef ref : ctx.tree.refs()) {
                if (span.contains(ref.name.start) && ref.configured()) {
                    throw Refusals.rowsTakenOut(ref.table.getFullyQualifiedName());
                }
            }
        }
        if (isSchemaDefinition(s)) {
            if (s instanceof CreateTable || s instanceof Alter) {
                refuseQueryOfConfigured(ctx, span);
            }
            claimAll(ctx.tree, span);
            ctx.plan.changesSchema();
            return;
        }
        if (s instanceof Truncate) {
            planTruncate(ctx, (Truncate) s, span, hints);
            return;
        }
        if (s instanceof Upsert && ((Upsert) s).getTable() != null) {
            TableRef target = ctx.tree.ref(((Upsert) s).getTable());
            if (target != null && target.configIgnoringCtes != null) {
                throw Refusals.unrewritable(target, "a REPLACE, which deletes a conflicting row physically (a"
                        + " soft-deleted one too); use INSERT ... ON DUPLICATE KEY UPDATE on a soft-delete-aware"
                        + " unique key");
            }
        }
        boolean data = s instanceof Select || s instanceof Update || s instanceof Delete || s instanceof Insert
                || s instanceof Upsert || s instanceof CreateTable || s instanceof CreateView
                || (s instanceof ExplainStatement && ((ExplainStatement) s).getStatement() != null);
        if (!data) {
            return; // any configured table in it stays unclaimed: refused by the final check
        }
        TargetPlanner targets = new TargetPlanner(ctx);
        if (s instanceof Update) {
            targets.planUpdate((Update) s, span);
        } else if (s instanceof Delete) {
            targets.planDelete((Delete) s, span, hints.hardDelete());
        } else if (s instanceof Insert) {
            planInsert(ctx, (Insert) s);
        } else if (s instanceof Upsert) {
            // REPLACE INTO a plain table (a configured one is refused above): its SELECT is filtered, as INSERT's
            TableRef target = ((Upsert) s).getTable() == null ? null : ctx.tree.ref(((Upsert) s).getTable());
            if (target != null) {
                target.claim();
            }
        } else if (s instanceof CreateTable || s instanceof CreateView) {
            ctx.plan.changesSchema();
            TableRef created = ctx.tree.ref(s instanceof CreateTable ? ((CreateTable) s).getTable()
                    : ((CreateView) s).getView());
            if (created != null) {
                created.claim();
            }
        }
        planBlocks(ctx, span);
        keepReturningLabels(ctx, s);
    }

    /** Every query block of the statement: filter its FROM clause. */
    private void planBlocks(PlanContext ctx, Span span) throws StatementRefusedException {
        FromClausePlanner from = new FromClausePlanner(ctx);
        List<PlainSelect> inStatement = new ArrayList<>();
        // where a locking read cannot lock through a derived table, any locking clause of the statement counts for
        // every block of it: the parse does not see MySQL's LOCK IN SHARE MODE (nor does the statement's span end
        // after it), and an outer block's clause may reach a merged derived table; in a text of several statements
        // a later one's may count too, and a clause in a comment or a string: refusals, never a read without locks
        boolean locking = dialect != Dialect.POSTGRESQL
                && LOCKING_CLAUSE.matcher(ctx.tree.sql).region(span.start, ctx.tree.sql.length()).find();
        for (PlainSelect block : ctx.tree.blocks()) {
            Span at = ctx.tree.span(block);
            if (at == null || !span.contains(at.start)) {
                continue;
            }
            inStatement.add(block);
            if (block.getFromItem() == null) {
                continue;
            }
            List<String> where = new ArrayList<>();
            from.lockingRead(block.getForMode() != null || locking);
            from.planChain(block.getFromItem(), block.getJoins(), true, where);
            if (!where.isEmpty()) {
                ctx.addWhere(block.getWhere(), endOfFrom(ctx, block), where);
            }
        }
        if (dialect.isMySqlFamily()) {
            for (PlainSelect block : inStatement) {
                if (!inExpression(ctx, block)) {
                    keepLabels(ctx, block.getSelectItems());
                }
            }
        }
    }

    /**
     * MariaDB's {@code INSERT ... RETURNING} and {@code DELETE ... RETURNING} name their columns as a select list
     * does: an unaliased expression whose subquery gained a predicate keeps its original text as its label.
     */
    private void keepReturningLabels(PlanContext ctx, Statement s) throws StatementRefusedException {
        if (!dialect.isMySqlFamily()) {
            return;
        }
        List<? extends SelectItem<?>> returning = s instanceof Insert ? ((Insert) s).getReturningClause()
                : s instanceof Delete ? ((Delete) s).getReturningClause() : null;
        keepLabels(ctx, returning);
    }

    /** The words and operators after which a parenthesised query is an expression: its column labels are never seen. */
    private static final Set<String> BEFORE_EXPRESSION_QUERY = Set.of("IN", "EXISTS", "ANY",
            "SOME", "ALL", "=", "<", ">", "<=", ">=", "<>", "!=", "<=>");

    /**
     * Whether the block is a subquery of an expression ({@code x IN (SELECT ...)}, {@code EXISTS (SELECT ...)},
     * {@code x < ANY (SELECT ...)}, {@code x = (SELECT ...)}): nobody reads its column labels, so they need no
     * keeping, and a long unaliased expression in its select list is no reason to refuse (a probe found such
     * statements refused). {@code UNION ALL (SELECT ...)} counts too: a later branch's labels are not the result's.
     * Derived tables, CTE bodies, the first branch of a set operation and select-list subqueries keep their labels.
     */
    private static boolean inExpression(PlanContext ctx, PlainSelect block) {
        Span at = ctx.tree.span(block);
        if (at == null) {
            return false;
        }
        int i = ctx.tree.tokens().firstAtOrAfter(at.start) - 1;
        if (i < 0 || !"(".equals(ctx.tree.tokens().image(i))) {
            return false;
        }
        while (i >= 0 && "(".equals(ctx.tree.tokens().image(i))) {
            i--;
        }
        return i >= 0 && BEFORE_EXPRESSION_QUERY.contains(ctx.tree.tokens().image(i).toUpperCase(Locale.ROOT));
    }

    /**
     * MySQL names an unaliased select-list column after the expression's text. Where a rewrite changed that text
     * (a subquery inside it gained a predicate), the original text becomes the alias, so the label stays what the
     * application wrote (up to MySQL's 256-character limit for aliases).
     */
    private static void keepLabels(PlanContext ctx, List<? extends SelectItem<?>> items)
            throws StatementRefusedException {
        if (items == null) {
            return;
        }
        for (SelectItem<?> item : items) {
            Span at = item.getAlias() == null ? ctx.tree.span(item) : null;
            if (at == null || !ctx.plan.editsInside(at.start, at.end)) {
                continue;
            }
            if (at.end - at.start > MAX_ALIAS_LENGTH) {
                throw Refusals.unrewritable("an unaliased select-list expression of " + (at.end - at.start)
                        + " characters reads a soft-delete table; its column label is its text, which the rewrite"
                        + " changes and an alias (at most " + MAX_ALIAS_LENGTH + " characters) cannot keep. Give"
                        + " the expression an alias");
            }
            ctx.plan.insert(at.end, " AS `" + ctx.tree.text(at).replace("`", "``") + "`");
        }
    }

    private static int endOfFrom(PlanContext ctx, PlainSelect block) throws StatementRefusedException {
        int end = ctx.locate(block.getFromItem(), "FROM clause").end;
        if (block.getJoins() != null) {
            for (int i = 0; i < block.getJoins().size(); i++) {
                end = Math.max(end, ctx.locate(block.getJoins().get(i), "join").end);
            }
        }
        return end;
    }

    private void planInsert(PlanContext ctx, Insert insert) throws StatementRefusedException {
        TableRef target = ctx.tree.ref(insert.getTable());
        if (target != null && target.cte && target.configIgnoringCtes != null) {
            throw Refusals.unrewritable(target, "an INSERT whose target is named like a CTE");
        }
        if (target == null || !target.configured()) {
            return;
        }
        if (insert.getConflictAction() != null || insert.getDuplicateUpdateSets() != null
                || insert.isModifierIgnore()) {
            new UpsertPlanner(ctx, catalog).plan(insert, target);
            return;
        }
        target.claim();
    }

    private void planTruncate(PlanContext ctx, Truncate truncate, Span span, StatementHints hints)
            throws StatementRefusedException {
        List<TableRef> configured = new ArrayList<>();
        for (TableRef ref : ctx.tree.refs()) {
            if (span.contains(ref.name.start) && ref.configured()) {
                configured.add(ref);
            }
        }
        if (configured.isEmpty() || hints.hardDelete()) {
            configured.forEach(TableRef::claim);
            return;
        }
        TableRef ref = configured.get(0);
        if (options.truncate() == TruncatePolicy.REJECT) {
            throw Refusals.forbidden("TRUNCATE of soft-delete table " + ref.table.getFullyQualifiedName()
                    + " would remove its rows physically; use DELETE, the /* softdelete:hard-delete */ hint, or"
                    + " options.truncate: soft-delete");
        }
        if (configured.size() > 1 || truncate.getCascade()
                || (truncate.getTables() != null && truncate.getTables().size() > 1)) {
            throw Refusals.unrewritable(ref, "a TRUNCATE of several tables or with CASCADE");
        }
        ref.claim();
        ctx.plan.softDeletes(ref.config, ctx.schemaOf(ref));
        String name = ctx.tree.text(ref.name);
        ctx.plan.replace(span.start, span.end, "UPDATE " + name + " SET " + ctx.assignments(ref.config, null) + " WHERE "
                + LivePredicate.of(ref.config, name, Visibility.ACTIVE, dialect));
    }

    /**
     * DDL and catalogue statements pass through untouched: they define or describe tables rather than read or
     * remove their rows. A materialized view and {@code CREATE TABLE ... AS SELECT} read rows when they are created:
     * their queries are filtered like any other.
     */
    private static boolean isSchemaDefinition(Statement s) {
        return (s instanceof CreateTable && ((CreateTable) s).getSelect() == null)
                || (s instanceof CreateView && !((CreateView) s).isMaterialized())
                || s instanceof CreateIndex || s instanceof AlterView
                || s instanceof Alter || s instanceof Drop || s instanceof Comment || s instanceof Grant
                || s instanceof RenameTableStatement || s instanceof DescribeStatement
                || s instanceof ShowColumnsStatement || s instanceof ShowIndexStatement || s instanceof Analyze;
    }

    /**
     * Refuses a table's definition that holds a query and names a configured table: H2 takes a subquery in a CHECK
     * constraint or a column's DEFAULT and runs it, unrewritten, at every write (a probe's check accepted a row that
     * referenced a soft-deleted one; a default counted soft-deleted rows). PostgreSQL and MySQL reject such DDL.
     */
    private static void refuseQueryOfConfigured(PlanContext ctx, Span span) throws StatementRefusedException {
        TableRef configured = null;
        for (TableRef ref : ctx.tree.refs()) {
            if (span.contains(ref.name.start) && ref.configIgnoringCtes != null) {
                configured = ref;
            }
        }
        if (configured == null) {
            return;
        }
        String text = ctx.tree.text(span);
        for (SqlLexer.Token t : SqlLexer.tokens(text, ctx.dialect)) {
            if (t.is(text, "SELECT") || t.is(text, "TABLE") && t.start > 0 && text.charAt(t.start - 1) == '(') {
                throw Refusals.unrewritable(configured, "a query in a table's definition (a CHECK constraint or a"
                        + " DEFAULT with a subquery), which the database would run over soft-deleted rows too");
            }
        }
    }

    private static void claimAll(SyntaxTree tree, Span span) {
        for (TableRef ref : tree.refs()) {
            if (span.contains(ref.name.start)) {
                ref.claim();
            }
        }
    }

    /**
     * Where an unhandled reference stands, for the refusal: the statement by its first word as written (not by the
     * parser's class names), and the parser's name of the enclosing construct last, for a report.
     */
    private String describe(TableRef ref, SyntaxTree tree) {
        String where = "a place softdelete-jdbc does not rewrite (parser context: " + ref.enclosing + ")";
        for (int i = 0; i < tree.statements().size(); i++) {
            if (tree.statementSpan(i).contains(ref.name.start)) {
                String word = firstWord(tree.text(tree.statementSpan(i)));
                return word != null ? "a " + word + " statement, in " + where : where;
            }
        }
        return where;
    }

    /** The first word of a statement (upper case), after comments and opening parentheses; null if none. */
    private String firstWord(String text) {
        for (SqlLexer.Token t : SqlLexer.tokens(text, dialect)) {
            if (t.kind == SqlLexer.Kind.WORD) {
                return t.text(text).toUpperCase(Locale.ROOT);
            }
            if (t.kind != SqlLexer.Kind.COMMENT && !t.is(text, '(')) {
                return null;
            }
        }
        return null;
    }
}
