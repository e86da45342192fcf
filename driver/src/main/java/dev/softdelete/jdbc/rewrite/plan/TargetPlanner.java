package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.DeleteTargets;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * UPDATE and DELETE: the statements with a target table. A DELETE of a configured table becomes
 * {@code UPDATE t SET <flag> = TRUE, <timestamp> = <now> WHERE (...) AND <live>}; an UPDATE only touches the rows its
 * visibility lets it see. Tables read alongside the target (PostgreSQL FROM/USING, MySQL joins) are filtered like
 * any FROM clause.
 */
final class TargetPlanner {
    private final PlanContext ctx;
    private final FromClausePlanner from;

    TargetPlanner(PlanContext ctx) {
        this.ctx = ctx;
        this.from = new FromClausePlanner(ctx);
    }

    void planUpdate(Update update, Span statement) throws StatementRefusedException {
        List<String> where = new ArrayList<>();
        TableRef target = ctx.tree.ref(update.getTable());
        if (target != null && target.cte && target.configIgnoringCtes != null) {
            throw ctx.refuse(target, "an UPDATE whose target is named like a CTE");
        }
        if (target != null && target.configured()) {
            target.claim();
            if (FromClausePlanner.hasRightOrFull(update.getStartJoins())) {
                throw ctx.refuse(target, "an UPDATE whose target is null-extended by a RIGHT or FULL join");
            }
            addIfPresent(where, ctx.predicate(target));
        }
        if (update.isModifierIgnore()) {
            refuseIgnoredKeyConflicts(update);
        }
        refuseDeletesByAssignment(update);
        Set<String> qualifiers = new HashSet<>();
        boolean unqualified = false;
        if (ctx.dialect.isMySqlFamily() && update.getUpdateSets() != null) {
            // MySQL's multi-table UPDATE sets columns of joined tables too (PostgreSQL's only of its target, which
            // stays a table)
            for (UpdateSet set : update.getUpdateSets()) {
                for (Column c : set.getColumns()) {
                    if (c.getTable() == null || c.getTable().getName() == null) {
                        unqualified = true;
                    } else {
                        qualifiers.add(Identifiers.unquote(c.getTable().getName()).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        from.updating(qualifiers, unqualified);
        boolean usable = !FromClausePlanner.hasRightOrFull(update.getStartJoins());
        from.planJoins(update.getStartJoins(), usable, where);
        if (update.getFromItem() != null) {
            from.planChain(update.getFromItem(), update.getJoins(), true, where);
        } else {
            from.planJoins(update.getJoins(), usable, where);
        }
        TokenIndex tokens = ctx.tree.tokens();
        int set = tokens.findAtDepthZero(tokens.firstAtOrAfter(statement.start), tokens.firstAtOrAfter(statement.end),
                "SET");
        ctx.addWhere(update.getWhere(), endOfClauses(set < 0 ? statement.start : tokens.start(set), statement),
                where);
    }

    /** An UPDATE that marks rows of a configured table it names deleted ({@link FlagAssignments}): refused. */
    private void refuseDeletesByAssignment(Update update) throws StatementRefusedException {
        if (update.getUpdateSets() == null) {
            return;
        }
        for (FromItem item : updatedTables(update)) {
            TableRef ref = item instanceof Table ? ctx.tree.ref((Table) item) : null;
            if (ref == null || !ref.configured()) {
                continue;
            }
            String assignment = FlagAssignments.deleting(ref.config, update.getUpdateSets(),
                    column -> setsColumnOf(column, (Table) item));
            if (assignment != null) {
                throw ctx.refuse(ref, FlagAssignments.reason("an UPDATE", assignment));
            }
        }
    }

    /**
     * The tables an UPDATE names: its target, and on MySQL/MariaDB the joined ones it may set columns of, also inside
     * parentheses ({@code JOIN (customers c)}: a probe set a flag and a key through one past both checks).
     */
    private static List<FromItem> updatedTables(Update update) {
        List<FromItem> items = new ArrayList<>();
        addTables(update.getTable(), items);
        addTables(update.getFromItem(), items);
        for (List<Join> joins : List.of(listOrEmpty(update.getStartJoins()), listOrEmpty(update.getJoins()))) {
            joins.forEach(j -> addTables(j.getFromItem(), items));
        }
        return items;
    }

    private static void addTables(FromItem item, List<FromItem> out) {
        if (item instanceof ParenthesedFromItem) {
            ParenthesedFromItem p = (ParenthesedFromItem) item;
            addTables(p.getFromItem(), out);
            listOrEmpty(p.getJoins()).forEach(j -> addTables(j.getFromItem(), out));
        } else if (item != null) {
            out.add(item);
        }
    }

    /**
     * MySQL's {@code UPDATE IGNORE} skips a row whose new key collides with another row's, without an error. A unique
     * key that still holds soft-deleted rows' keys (the primary key always does) would make it skip a row that a hard
     * delete had let through: refused when it sets a column of such a key of a configured table it names.
     */
    private void refuseIgnoredKeyConflicts(Update update) throws StatementRefusedException {
        for (FromItem item : updatedTables(update)) {
            TableRef ref = item instanceof Table ? ctx.tree.ref((Table) item) : null;
            if (ref == null || !ref.configured()) {
                continue;
            }
            ctx.refuseUnreadSchema(ref, "an UPDATE IGNORE");
            List<UniqueKey> keys = ctx.catalog().uniqueKeys(ref.config.name());
            for (UpdateSet set : update.getUpdateSets()) {
                for (Column column : set.getColumns()) {
                    if (!setsColumnOf(column, (Table) item)) {
                        continue;
                    }
                    if (keys.isEmpty()) {
                        throw ctx.refuse(ref, "an UPDATE IGNORE of a table whose unique keys the driver does not"
                                + " know: a soft-deleted row's key would make it skip rows silently");
                    }
                    String name = Identifiers.unquote(column.getColumnName());
                    for (UniqueKey key : keys) {
                        if (!key.softDeleteAware && (key.columns.isEmpty()
                                || key.columns.stream().anyMatch(name::equalsIgnoreCase))) {
                            throw ctx.refuse(ref, "an UPDATE IGNORE that sets " + name + " of unique key " + key.name
                                    + ", which still holds the keys of soft-deleted rows: a collision with one would"
                                    + " skip the row silently, where a hard delete had freed the key");
                        }
                    }
                }
            }
        }
    }

    /** Whether an assigned column is (or, unqualified, may be) one of {@code table}'s. */
    private static boolean setsColumnOf(Column column, Table table) {
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            return true;
        }
        String q = Identifiers.unquote(qualifier.getName());
        String name = table.getAlias() != null ? table.getAlias().getName() : table.getName();
        return q.equalsIgnoreCase(Identifiers.unquote(name));
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * A DELETE goes to the database as a DELETE only when each of its targets is proven to be a plain table (or the
     * statement carries the hard-delete hint); otherwise every target must be a configured table and the statement
     * becomes the UPDATE that soft-deletes their rows, or it is refused. See {@link DeleteTargets}.
     */
    void planDelete(Delete delete, Span statement, boolean hardDelete) throws StatementRefusedException {
        DeleteTargets targets = DeleteTargets.of(delete, ctx.tree, ctx.dialect);
        for (DeleteTargets.Target t : targets.targets) {
            claimName(t);
        }
        if (hardDelete || targets.allPlain()) {
            for (DeleteTargets.Target t : targets.targets) {
                if (t.source != null) {
                    ctx.deletesFrom(t.source, true);
                    t.source.claim();
                }
            }
            planReads(delete, targets, statement, null);
            return;
        }
        List<TableRef> configured = configuredTargets(targets);
        if (targets.form == DeleteTargets.Form.SINGLE) {
            TableRef target = configured.get(0);
            softDelete(delete, target, statement);
            planReads(delete, targets, statement, ctx.predicate(target, Visibility.ACTIVE));
        } else {
            softDeleteMany(delete, targets, configured, statement);
        }
    }

    /** The target list's own names ({@code o} in {@code DELETE o FROM orders o}) are names, not rows read. */
    private void claimName(DeleteTargets.Target t) {
        TableRef named = t.named == null ? null : ctx.tree.ref(t.named);
        if (named != null && named != t.source) {
            named.claim();
        }
    }

    /**
     * The targets of a DELETE that is not all plain, which must all be configured tables: a target in doubt is
     * refused, and so is a mix of configured and plain targets, which no single statement can delete as asked.
     */
    private List<TableRef> configuredTargets(DeleteTargets targets) throws StatementRefusedException {
        List<TableRef> configured = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (DeleteTargets.Target t : targets.targets) {
            if (t.doubt != null) {
                // named as a soft-delete table only when it is one (DELETE x FROM orders: x is a name, not a table)
                TableRef shown = t.named == null ? null : ctx.tree.ref(t.named);
                if (shown != null && shown.configIgnoringCtes != null) {
                    throw ctx.refuse(shown, t.doubt);
                }
                throw Refusals.unrewritable("it contains " + t.doubt
                        + (t.named == null ? "" : " (" + t.named.getFullyQualifiedName() + ")")
                        + ", which softdelete-jdbc cannot resolve with certainty");
            }
            if (t.config() != null) {
                configured.add(t.source);
            } else {
                plain.add(t.source.table.getFullyQualifiedName());
            }
        }
        if (!plain.isEmpty()) {
            List<String> soft = new ArrayList<>();
            configured.forEach(r -> soft.add(r.table.getFullyQualifiedName()));
            throw Refusals.unrewritable("one DELETE removes rows of soft-delete tables (" + String.join(", ", soft)
                    + ") and of other tables (" + String.join(", ", plain) + "); split it into a DELETE of the"
                    + " soft-delete tables and one of the others");
        }
        return configured;
    }

    /**
     * The tables the DELETE reads: PostgreSQL's USING list, MySQL's table references; {@code targetPredicate} is the
     * single-table form's own condition, null otherwise.
     */
    private void planReads(Delete delete, DeleteTargets targets, Span statement, String targetPredicate)
            throws StatementRefusedException {
        List<String> where = new ArrayList<>();
        addIfPresent(where, targetPredicate);
        planSources(targets, where);
        addWhere(delete, targets, statement, where);
    }

    /** Filters the tables of the FROM or USING list; their predicates for WHERE go to {@code where}. */
    private void planSources(DeleteTargets targets, List<String> where) throws StatementRefusedException {
        if (targets.form == DeleteTargets.Form.MULTI_FROM) {
            from.planChain(targets.first, targets.joins, true, where);
        } else {
            for (FromItem item : targets.using) {
                from.planChain(item, null, true, where);
            }
        }
    }

    private void addWhere(Delete delete, DeleteTargets targets, Span statement, List<String> where)
            throws StatementRefusedException {
        if (where.isEmpty()) {
            return;
        }
        int whereAt = delete.getWhere() != null ? -1 : targets.form != DeleteTargets.Form.SINGLE
                ? endOfSources(targets) : endOfClauses(endOfTarget(targets.targets.get(0)), statement);
        ctx.addWhere(delete.getWhere(), whereAt, where);
    }

    /**
     * MySQL's multi-table forms, {@code DELETE t1, t2 FROM refs ...} and {@code DELETE FROM t1, t2 USING refs ...},
     * become {@code UPDATE refs SET t1.flag = TRUE, t1.ts = <event>, t2.... WHERE (...) AND <t1 live> ...}: the
     * table references and the condition stay as written, each target's live predicate goes where its join allows
     * (WHERE, or the ON of a LEFT JOIN), and MySQL counts the rows it changes in all targets, as the DELETE would.
     */
    private void softDeleteMany(Delete delete, DeleteTargets targets, List<TableRef> configured, Span statement)
            throws StatementRefusedException {
        TableRef shown = configured.get(0);
        if (!ctx.dialect.isMySqlFamily()) {
            throw ctx.refuse(shown, "a multi-table DELETE, which only MySQL and MariaDB have");
        }
        refuseUnsupportedClauses(delete, shown);
        TokenIndex tokens = ctx.tree.tokens();
        int first = tokens.firstAtOrAfter(statement.start);
        int end = tokens.firstAtOrAfter(statement.end);
        int deleteIdx = tokens.findAtDepthZero(first, end, "DELETE");
        int fromIdx = deleteIdx < 0 ? -1 : tokens.findAtDepthZero(deleteIdx + 1, end, "FROM");
        if (fromIdx < 0) {
            throw ctx.refuse(shown, "a DELETE whose keywords cannot be located");
        }
        replaceDeleteKeyword(deleteIdx, fromIdx);
        if (targets.form == DeleteTargets.Form.MULTI_FROM) {
            int firstTarget = tokens.firstAtOrAfter(ctx.locate(targets.targets.get(0).named, "DELETE target").start);
            if (firstTarget >= fromIdx) {
                throw ctx.refuse(shown, "a DELETE whose target list cannot be located");
            }
            ctx.removeKeepingComments(tokens.start(firstTarget), tokens.start(fromIdx + 1));
        } else {
            int usingIdx = tokens.findAtDepthZero(fromIdx + 1, end, "USING");
            if (usingIdx < 0) {
                throw ctx.refuse(shown, "DELETE ... USING whose keyword cannot be located");
            }
            ctx.removeKeepingComments(tokens.start(fromIdx), tokens.start(usingIdx + 1));
        }
        List<String> assignments = new ArrayList<>();
        for (TableRef target : configured) {
            target.claim();
            ctx.deletesFrom(target, false);
            assignments.add(ctx.assignments(target.config, ctx.qualifier(target)));
            ctx.plan.softDeletes(target.config, ctx.schemaOf(target));
        }
        List<String> where = new ArrayList<>();
        planSources(targets, where); // edits at the end of the last join (its ON) come before SET
        ctx.plan.insert(endOfSources(targets), " SET " + String.join(", ", assignments));
        addWhere(delete, targets, statement, where);
    }

    private void refuseUnsupportedClauses(Delete delete, TableRef shown) throws StatementRefusedException {
        if (delete.getOutputClause() != null) {
            throw ctx.refuse(shown, "DELETE ... OUTPUT");
        }
        if (delete.getReturningClause() != null) {
            throw ctx.refuse(shown, "a multi-table DELETE ... RETURNING");
        }
        if (delete.getOrderByElements() != null || delete.getLimit() != null) {
            throw ctx.refuse(shown, "a multi-table DELETE with ORDER BY or LIMIT");
        }
    }

    /** DELETE becomes UPDATE; its modifiers stay (UPDATE has LOW_PRIORITY and IGNORE), but for QUICK, a no-op. */
    private void replaceDeleteKeyword(int deleteIdx, int limit) {
        TokenIndex tokens = ctx.tree.tokens();
        ctx.plan.replace(tokens.start(deleteIdx), tokens.end(deleteIdx), "UPDATE");
        int quick = tokens.findAtDepthZero(deleteIdx + 1, limit, "QUICK");
        if (quick >= 0) {
            ctx.removeKeepingComments(tokens.start(quick), tokens.start(quick + 1));
        }
    }

    /** Where MySQL's table references end: the last join (FROM form) or the last USING item. */
    private int endOfSources(DeleteTargets targets) throws StatementRefusedException {
        int end = -1;
        if (targets.form == DeleteTargets.Form.MULTI_FROM) {
            end = endOfItem(targets.first);
            for (Join j : targets.joins) {
                end = Math.max(end, Math.max(ctx.locate(j, "join").end, endOfItem(j.getFromItem())));
            }
        } else {
            for (FromItem item : targets.using) {
                end = Math.max(end, endOfItem(item));
            }
        }
        return end;
    }

    /** The end of a FROM item, its alias included (a table's own span is its name). */
    private int endOfItem(FromItem item) throws StatementRefusedException {
        TableRef ref = item instanceof Table ? ctx.tree.ref((Table) item) : null;
        if (ref == null) {
            return ctx.locate(item, "FROM item").end;
        }
        int end = endOfAlias(ref);
        return ((Table) item).getIndexHint() != null ? endOfIndexHints(end) : end;
    }

    /**
     * The end of the MySQL index hints from {@code from} on ({@code USE | FORCE | IGNORE INDEX | KEY [FOR ...]
     * (...)}, one or more): a SET spliced between a table and its hints is a syntax error.
     */
    private int endOfIndexHints(int from) throws StatementRefusedException {
        TokenIndex tokens = ctx.tree.tokens();
        int end = from;
        int i = tokens.firstAtOrAfter(from);
        while (i < tokens.size() && (tokens.image(i).equalsIgnoreCase("USE") || tokens.image(i).equalsIgnoreCase("FORCE")
                || tokens.image(i).equalsIgnoreCase("IGNORE"))) {
            int open = i + 1;
            while (open < tokens.size() && !"(".equals(tokens.image(open))) {
                open++;
            }
            int depth = 0;
            int close = open;
            for (; close < tokens.size(); close++) {
                if ("(".equals(tokens.image(close))) {
                    depth++;
                } else if (")".equals(tokens.image(close)) && --depth == 0) {
                    break;
                }
            }
            if (close >= tokens.size()) {
                throw Refusals.unrewritable("a DELETE whose index hints cannot be located");
            }
            end = tokens.end(close);
            i = close + 1;
        }
        if (end == from) {
            throw Refusals.unrewritable("a DELETE whose index hints cannot be located");
        }
        return end;
    }

    /** DELETE [FROM] t [AS a] ... becomes UPDATE t [AS a] SET ... ; PostgreSQL's USING becomes FROM. */
    private void softDelete(Delete delete, TableRef target, Span statement) throws StatementRefusedException {
        ctx.deletesFrom(target, false);
        target.claim();
        ctx.plan.softDeletes(target.config, ctx.schemaOf(target));
        TokenIndex tokens = ctx.tree.tokens();
        if (delete.getOutputClause() != null) {
            throw ctx.refuse(target, "DELETE ... OUTPUT");
        }
        if (delete.getForPortionClause() != null) {
            throw ctx.refuse(target, "DELETE ... FOR PORTION OF (MariaDB's application-time periods, which split"
                    + " a row and delete part of it)");
        }
        if (delete.getReturningClause() != null) {
            checkReturning(target, statement);
        }
        if (ctx.dialect == Dialect.H2 && delete.getOrderByElements() != null) {
            // H2 rejects DELETE ... ORDER BY (42000) but runs the UPDATE ... ORDER BY it would become
            throw ctx.refuse(target, "DELETE ... ORDER BY, which H2 does not accept");
        }
        if (ctx.dialect == Dialect.H2 && delete.getUsingFromItemList() != null
                && !delete.getUsingFromItemList().isEmpty()) {
            // H2 rejects DELETE ... USING (42000) in every mode but runs the UPDATE ... FROM it would become
            throw ctx.refuse(target, "DELETE ... USING, which H2 does not accept");
        }
        int first = tokens.firstAtOrAfter(statement.start);
        int nameIdx = tokens.firstAtOrAfter(target.name.start);
        int deleteIdx = tokens.findAtDepthZero(first, nameIdx, "DELETE");
        if (deleteIdx < 0) {
            throw ctx.refuse(target, "a DELETE whose keyword cannot be located");
        }
        if (!ctx.dialect.isMySqlFamily() && (tokens.findAtDepthZero(deleteIdx + 1, nameIdx, "QUICK") >= 0
                || tokens.findAtDepthZero(deleteIdx + 1, nameIdx, "LOW_PRIORITY") >= 0
                || tokens.findAtDepthZero(deleteIdx + 1, nameIdx, "IGNORE") >= 0)) {
            // H2 reads MySQL's DELETE modifiers only in its MySQL/MariaDB modes (QUICK and LOW_PRIORITY there, not in
            // Regular mode: "Table QUICK not found"), and its UPDATE takes none of them: UPDATE LOW_PRIORITY t fails
            // where the DELETE ran, and stripping QUICK soft-deletes where the DELETE failed
            // PostgreSQL rejects them in a DELETE (42601), but stripping QUICK soft-deleted, and UPDATE IGNORE t
            // updated a table named "ignore" aliased t (a probe)
            throw ctx.refuse(target, "DELETE with a MySQL modifier (QUICK, LOW_PRIORITY, IGNORE), which "
                    + (ctx.dialect == Dialect.H2 ? "H2's UPDATE" : "PostgreSQL") + " does not accept");
        }
        if (ctx.dialect.isMySqlFamily() && target.table.getAlias() != null
                && !"PARTITION".equalsIgnoreCase(target.table.getAlias().getName())) {
            // DELETE FROM orders o WHERE ...: MariaDB (before 11.6) and MySQL before 8.0.16 reject an alias in the
            // single-table DELETE (1064), and the UPDATE it would become they run (a probe soft-deleted, with
            // cascades, where the DELETE failed); the driver does not know the server's version, and the
            // multi-table form says the same everywhere. (A partition selection parses as an alias: refused as
            // such later.)
            throw ctx.refuse(target, "a single-table DELETE with a table alias, which MariaDB (before 11.6) and MySQL"
                    + " before 8.0.16 do not accept; write DELETE o FROM orders o ...");
        }
        int fromIdx = tokens.findAtDepthZero(deleteIdx + 1, nameIdx, "FROM");
        if (fromIdx < 0 && ctx.dialect != Dialect.H2) {
            // DELETE t WHERE ... (Oracle's, SQL Server's form): PostgreSQL, MySQL and MariaDB reject it (42601, 1064),
            // the UPDATE it would become they run (a probe soft-deleted, with cascades, where the DELETE failed)
            throw ctx.refuse(target, "a DELETE without FROM, which the database does not accept");
        }
        replaceDeleteKeyword(deleteIdx, nameIdx);
        if (fromIdx >= 0) {
            ctx.removeKeepingComments(tokens.start(fromIdx), tokens.start(fromIdx + 1));
        }
        ctx.plan.insert(endOfAlias(target), " SET " + ctx.assignments(target.config, null));
        if (delete.getUsingFromItemList() != null && !delete.getUsingFromItemList().isEmpty()) {
            int using = tokens.findAtDepthZero(nameIdx, tokens.firstAtOrAfter(statement.end), "USING");
            if (using < 0) {
                throw ctx.refuse(target, "DELETE ... USING whose keyword cannot be located");
            }
            ctx.plan.replace(tokens.start(using), tokens.end(using), "FROM");
        }
    }

    /** Where the single-table target ends, its alias included. */
    private int endOfTarget(DeleteTargets.Target target) throws StatementRefusedException {
        if (target.source == null) {
            throw Refusals.unrewritable("a DELETE target the parse does not locate");
        }
        return endOfAlias(target.source);
    }

    /** PostgreSQL's system columns that an UPDATE changes (the row version): not as the deleted row had them. */
    static final Set<String> SYSTEM_COLUMNS = Set.of("ctid", "xmin", "xmax", "cmin", "cmax");

    /**
     * DELETE ... RETURNING becomes UPDATE ... RETURNING, which returns the rows as updated: identical to the deleted
     * rows unless the list shows the soft-delete columns: by name (the event's batch and actor columns too), as
     * {@code *}, or in the whole row, by the table's name or alias not followed by a dot ({@code RETURNING items},
     * {@code row_to_json(i)}, {@code i::text}); nor the system columns of the row version ({@code ctid}, {@code xmin}).
     * Only PostgreSQL has UPDATE ... RETURNING at all.
     */
    private void checkReturning(TableRef target, Span statement) throws StatementRefusedException {
        if (!ctx.dialect.supportsUpdateReturning()) {
            throw ctx.refuse(target, "DELETE ... RETURNING, which needs UPDATE ... RETURNING, which only PostgreSQL"
                    + " has (not MySQL, MariaDB, H2)");
        }
        TokenIndex tokens = ctx.tree.tokens();
        int end = tokens.firstAtOrAfter(statement.end);
        int returning = tokens.findAtDepthZero(tokens.firstAtOrAfter(target.name.end), end, "RETURNING");
        String alias = target.table.getAlias() == null ? null : Identifiers.unquote(target.table.getAlias().getName());
        String name = Identifiers.unquote(target.table.getName());
        for (int i = returning + 1; returning >= 0 && i < end; i++) {
            String word = Identifiers.unquote(tokens.image(i));
            boolean wholeRow = (word.equalsIgnoreCase(name) || word.equalsIgnoreCase(alias))
                    && !(i + 1 < end && ".".equals(tokens.image(i + 1))) && !namesATable(tokens.start(i));
            // * after RETURNING, a comma or a dot is every column; after an operand it multiplies
            String before = tokens.image(i - 1);
            boolean all = "*".equals(word) && (i == returning + 1 || ",".equals(before) || ".".equals(before));
            if (all || wholeRow || SYSTEM_COLUMNS.contains(word.toLowerCase(Locale.ROOT))
                    || word.equalsIgnoreCase(target.config.flagColumn())
                    || word.equalsIgnoreCase(target.config.timestampColumn())
                    || word.equalsIgnoreCase(target.config.batchColumn())
                    || word.equalsIgnoreCase(target.config.actorColumn())) {
                throw ctx.refuse(target, "DELETE ... RETURNING of " + word + (wholeRow ? " (the whole row)" : "")
                        + ", which would show the row as soft-deleted rather than as it was");
            }
        }
    }

    /**
     * Whether the token at {@code offset} is (part of) the name of a table reference, such as the table a subquery
     * reads ({@code RETURNING (SELECT count(*) FROM items)}), not a column.
     */
    private boolean namesATable(int offset) {
        for (TableRef ref : ctx.tree.refs()) {
            if (ref.name.start <= offset && offset < ref.name.end) {
                return true;
            }
        }
        return false;
    }

    /** The end of {@code t}, {@code t a} or {@code t AS a}. */
    private int endOfAlias(TableRef target) throws StatementRefusedException {
        TokenIndex tokens = ctx.tree.tokens();
        int last = tokens.firstAtOrAfter(target.name.end) - 1;
        if (target.table.getAlias() == null) {
            return tokens.end(last);
        }
        int aliasIdx = last + 1;
        if (aliasIdx < tokens.size() && "AS".equalsIgnoreCase(tokens.image(aliasIdx))) {
            aliasIdx++;
        }
        if (aliasIdx >= tokens.size() || !tokens.image(aliasIdx).equalsIgnoreCase(target.table.getAlias().getName())) {
            throw Refusals.unrewritable("a DELETE whose alias cannot be located");
        }
        return tokens.end(aliasIdx);
    }

    /**
     * Where a new WHERE goes when there is none: before the first ORDER BY, LIMIT or RETURNING after
     * {@code from}, else at the end of the statement.
     */
    private int endOfClauses(int from, Span statement) {
        TokenIndex tokens = ctx.tree.tokens();
        int end = tokens.firstAtOrAfter(statement.end);
        int clause = tokens.findAtDepthZero(tokens.firstAtOrAfter(from), end, "ORDER", "LIMIT", "RETURNING");
        return clause < 0 ? statement.end : tokens.end(clause - 1);
    }

    private static void addIfPresent(List<String> where, String predicate) {
        if (predicate != null) {
            where.add(predicate);
        }
    }
}
