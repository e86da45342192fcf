package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;

/**
 * Plans {@code UNDELETE FROM t [alias] [WHERE cond]}: restores the matching soft-deleted rows of {@code t} and,
 * along the cascade map, exactly the children that the same delete events deleted — a child is restored when it
 * was deleted with the identical timestamp as a parent being restored, so a child deleted earlier on its own
 * stays deleted. Children are restored first (deepest first), while their parents still carry the timestamp they
 * are matched by. A row whose parent (by any cascade edge into {@code t}) is still deleted is not restored: the
 * statement is refused, since a live child of a deleted parent is a state a hard delete cannot produce.
 */
public final class RestorePlanner {
    /** Cycles in the cascade map are followed this many levels deep. */
    static final int MAX_DEPTH = 8;

    private final Map<String, TableConfig> byName = new HashMap<>();
    private final List<TableConfig> tables;
    private final Dialect dialect;
    private final Catalog catalog;

    public RestorePlanner(SoftDeleteConfig config, Dialect dialect, Catalog catalog) {
        this.catalog = catalog;
        this.tables = config.tables();
        for (TableConfig t : tables) {
            byName.put(t.name().normalized(), t);
        }
        this.dialect = dialect;
    }

    /** The rows of one table being restored: a FROM clause with its WHERE, and the alias columns are qualified by. */
    private static final class Selection {
        final TableConfig table;
        final String from;
        final String alias;

        Selection(TableConfig table, String from, String alias) {
            this.table = table;
            this.from = from;
            this.alias = alias;
        }
    }

    /**
     * @param tree the statement with UNDELETE masked as DELETE
     * @param prefix the text before the UNDELETE keyword (comments), kept in front of the statement sent
     */
    public Rewrite plan(SyntaxTree tree, String prefix) throws StatementRefusedException {
        List<Statement> statements = tree.statements();
        if (statements.size() != 1 || !(statements.get(0) instanceof Delete)) {
            throw Refusals.unrewritable("UNDELETE must be a single UNDELETE FROM table [alias] [WHERE ...]");
        }
        Delete delete = (Delete) statements.get(0);
        TableRef target = tree.ref(delete.getTable());
        if (target == null || !target.configured()) {
            throw Refusals.forbidden("UNDELETE works on soft-delete tables only, and "
                    + delete.getTable().getFullyQualifiedName() + " is not one");
        }
        if (hasAnythingButWhere(delete)) {
            throw Refusals.unrewritable(target, "an UNDELETE with joins, USING, ORDER BY, LIMIT, RETURNING or WITH");
        }
        Span statement = tree.statementSpan(0);
        TokenIndex tokens = tree.tokens();
        for (int i = tokens.firstAtOrAfter(statement.start); i < tokens.firstAtOrAfter(statement.end); i++) {
            if ("?".equals(tokens.image(i))) {
                throw Refusals.unrewritable(target, "an UNDELETE with ? parameters (restore statements repeat"
                        + " its condition; write the values in the text)");
            }
        }
        for (TableRef ref : tree.refs()) {
            if (ref.configured() && ref != target) {
                throw Refusals.unrewritable(ref, "an UNDELETE condition that reads another soft-delete table");
            }
        }
        TableConfig root = target.config;
        String tableText = tree.text(target.name);
        String alias = delete.getTable().getAlias() == null ? null : delete.getTable().getAlias().getName();
        String qualifier = alias == null ? tableText : alias;
        String condition = delete.getWhere() == null ? null : tree.text(tree.span(delete.getWhere()));
        String deleted = LivePredicate.of(root, qualifier, Visibility.ONLY_DELETED, dialect);
        String where = (condition == null ? "" : "(" + condition + ") AND ") + deleted;
        String from = "FROM " + tableText + (alias == null ? "" : " " + alias) + " WHERE " + where;

        List<String> before = descendantRestores(new Selection(root, from, qualifier));
        String main = prefix + "UPDATE " + tableText + (alias == null ? "" : " " + alias) + " SET "
                + restoreAssignments(root) + " WHERE " + where;
        return Rewrite.restore(main, before, guards(root, from, qualifier));
    }

    private static boolean hasAnythingButWhere(Delete d) {
        return (d.getTables() != null && !d.getTables().isEmpty()) || (d.getJoins() != null && !d.getJoins().isEmpty())
                || (d.getUsingList() != null && !d.getUsingList().isEmpty()) || d.getOrderByElements() != null
                || d.getLimit() != null || d.getReturningClause() != null || d.getOutputClause() != null
                || (d.getWithItemsList() != null && !d.getWithItemsList().isEmpty());
    }

    /** The restore statements of every descendant, deepest first. */
    private List<String> descendantRestores(Selection root) {
        List<List<String>> levels = new ArrayList<>();
        List<Selection> level = List.of(root);
        int aliases = 0;
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
            List<Selection> next = new ArrayList<>();
            List<String> statements = new ArrayList<>();
            for (Selection parent : level) {
                for (Cascade edge : parent.table.cascades()) {
                    TableConfig child = byName.get(edge.table().normalized());
                    String matched = matchedByEvent(edge, child, parent);
                    statements.add("UPDATE " + child.name() + " SET " + restoreAssignments(child) + " WHERE "
                            + LivePredicate.of(child, null, Visibility.ONLY_DELETED, dialect) + " AND " + matched);
                    String alias = "softdelete_r" + (++aliases);
                    next.add(new Selection(child, "FROM " + child.name() + " " + alias + " WHERE "
                            + LivePredicate.of(child, alias, Visibility.ONLY_DELETED, dialect) + " AND "
                            + qualify(matched, alias), alias));
                }
            }
            levels.add(statements);
            level = next;
        }
        Collections.reverse(levels);
        List<String> all = new ArrayList<>();
        levels.forEach(all::addAll);
        return all;
    }

    /**
     * {@code (fk..., ts) IN (SELECT key..., ts FROM <parent rows being restored>)}: the children deleted by the same
     * event as one of those parents (by the event's id when both tables have a batch column). The subquery is materialised for MySQL, which cannot otherwise read the table
     * it updates.
     */
    private String matchedByEvent(Cascade edge, TableConfig child, Selection parent) {
        boolean byBatch = child.batchColumn() != null && parent.table.batchColumn() != null;
        List<String> childColumns = new ArrayList<>(edge.columns());
        childColumns.add(byBatch ? child.batchColumn() : child.timestampColumn());
        List<String> parentColumns = new ArrayList<>();
        for (String key : edge.references()) {
            parentColumns.add(parent.alias + "." + key);
        }
        parentColumns.add(parent.alias + "." + (byBatch ? parent.table.batchColumn()
                : parent.table.timestampColumn()));
        return "(" + String.join(", ", childColumns) + ") IN (SELECT * FROM (SELECT " + String.join(", ",
                parentColumns) + " " + parent.from + ") softdelete_parent)";
    }

    /** The same condition with the child's own columns qualified by {@code alias}. */
    private static String qualify(String matched, String alias) {
        int open = matched.indexOf('(');
        int close = matched.indexOf(')');
        String[] columns = matched.substring(open + 1, close).split(", ");
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < columns.length; i++) {
            b.append(i == 0 ? "" : ", ").append(alias).append('.').append(columns[i]);
        }
        return b.append(matched.substring(close)).toString();
    }

    /** Refuses the restore of rows whose parent, by any cascade edge into their table, is still deleted. */
    private List<Rewrite.Guard> guards(TableConfig root, String from, String qualifier) {
        List<Rewrite.Guard> guards = new ArrayList<>();
        for (TableConfig parent : tables) {
            for (Cascade edge : parent.cascades()) {
                if (!edge.table().equals(root.name())) {
                    continue;
                }
                StringBuilder join = new StringBuilder();
                for (int i = 0; i < edge.columns().size(); i++) {
                    join.append(i == 0 ? "" : " AND ").append("softdelete_p.").append(edge.references().get(i))
                            .append(" = ").append(qualifier).append('.').append(edge.columns().get(i));
                }
                guards.add(new Rewrite.Guard("SELECT COUNT(*) " + from + " AND EXISTS (SELECT 1 FROM "
                        + parent.name() + " softdelete_p WHERE " + join + " AND "
                        + LivePredicate.of(parent, "softdelete_p", Visibility.ONLY_DELETED, dialect) + ")",
                        "softdelete-jdbc refused the UNDELETE: rows of " + root.name() + " to restore have a parent in "
                                + parent.name() + " that is still soft-deleted; restore the parent first (its"
                                + " UNDELETE brings back the children deleted with it)"));
            }
        }
        return guards;
    }

    private String restoreAssignments(TableConfig table) {
        return LivePredicate.restoreAssignments(table, dialect, catalog.autoUpdatedColumns(table.name()));
    }
}
