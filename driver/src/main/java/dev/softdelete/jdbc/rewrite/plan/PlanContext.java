package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;

/** What the planners of one SQL string share: the analysed tree, the plan being built, visibility and dialect. */
final class PlanContext {
    final SyntaxTree tree;
    final RewritePlan plan = new RewritePlan();
    final Visibility visibility;
    final Dialect dialect;
    private final Catalog catalog;
    /**
     * The tables a DELETE removes rows from, with the rows it may see: {@link Visibility#ACTIVE} for a soft delete
     * (it deletes live rows only), {@link Visibility#INCLUDE_DELETED} for a hard delete.
     */
    private final Map<TableRef, Visibility> deleteTargets = new IdentityHashMap<>();
    /** Aliases written outside the parentheses that hold a table alone ({@code (t) x}, H2). */
    private final Map<TableRef, Alias> outerAliases = new IdentityHashMap<>();
    /**
     * The tables written with a schema and without an alias that became filtered derived tables: their columns
     * written {@code s.t.c} are rewritten once the rest is planned ({@link DerivedTableColumns#dropSchemas}).
     */
    final List<TableRef> wrappedWithSchema = new ArrayList<>();
    /**
     * Words that begin a clause: JSqlParser 5.4 accepts some of them as an unquoted table alias
     * ({@code DELETE FROM t ORDER ORDER BY id}), which the databases do not, so a predicate qualified by one would
     * not mean what it says.
     */
    private static final Set<String> CLAUSE_KEYWORDS = Set.of("ORDER", "LIMIT", "WHERE", "GROUP", "HAVING",
            "RETURNING", "SET", "FROM", "USING", "JOIN", "ON", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "OFFSET",
            "FETCH", "FOR", "LOCK", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "STRAIGHT_JOIN", "SELECT",
            "VALUES", "PARTITION");

    PlanContext(SyntaxTree tree, Visibility visibility, Dialect dialect, Catalog catalog) {
        this.catalog = catalog;
        this.tree = tree;
        this.visibility = visibility;
        this.dialect = dialect;
    }

    /** The schema the statement names {@code ref}'s table in ({@code s.t}, unquoted), or null. */
    String schemaOf(TableRef ref) {
        String schema = ref.table.getSchemaName();
        return schema == null || schema.isEmpty() ? null : Identifiers.unquote(schema);
    }

    /**
     * Refuses a statement whose decision rests on the catalog (unique keys, foreign keys) for {@code ref}, when the
     * statement names it in a schema the catalog was not read for: what the catalog says is of another table.
     */
    void refuseUnreadSchema(TableRef ref, String what) throws StatementRefusedException {
        String schema = schemaOf(ref);
        if (!catalog.describes(ref.config.name(), schema)) {
            throw refuse(ref, what + " in schema " + schema + ", whose unique and foreign keys the driver did not"
                    + " read");
        }
    }

    /** What the catalog told of the configured tables (unique keys, foreign keys, partitions). */
    Catalog catalog() {
        return catalog;
    }

    /** The name by which the statement refers to the table's columns: its alias, else the name as written. */
    String qualifier(TableRef ref) throws StatementRefusedException {
        Alias alias = ref.table.getAlias() != null ? ref.table.getAlias() : outerAliases.get(ref);
        if (alias == null) {
            return tree.text(ref.name);
        }
        if (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
            throw aliasWithColumns(ref);
        }
        if (alias.getName().startsWith("'")) {
            throw refuse(ref, "an alias written as a string literal");
        }
        if (CLAUSE_KEYWORDS.contains(alias.getName().toUpperCase(Locale.ROOT))) {
            throw refuse(ref, "an alias that is a clause keyword (" + alias.getName() + ")");
        }
        return alias.getName();
    }

    String predicate(TableRef ref, Visibility v) throws StatementRefusedException {
        return LivePredicate.of(ref.config, qualifier(ref), v, dialect);
    }

    /** The predicate that filters {@code ref}: by the statement's visibility, or as a DELETE target sees it. */
    String predicate(TableRef ref) throws StatementRefusedException {
        Visibility v = deleteTargets.get(ref);
        return predicate(ref, v != null ? v : visibility);
    }

    /** Records that {@code ref} stands alone in parentheses that carry {@code alias}: {@code (t) x} reads t as x. */
    void aliasedOutside(TableRef ref, Alias alias) {
        outerAliases.put(ref, alias);
    }

    /** Marks {@code ref} as a table the statement deletes from, softly or not. */
    void deletesFrom(TableRef ref, boolean hard) {
        deleteTargets.put(ref, hard ? Visibility.INCLUDE_DELETED : Visibility.ACTIVE);
    }

    /** Whether {@code ref} is a table whose rows the statement soft-deletes. */
    boolean softDeletesFrom(TableRef ref) {
        return deleteTargets.get(ref) == Visibility.ACTIVE;
    }

    /**
     * Removes {@code [start, end)} of the text but for the comments in it: JSqlParser's tokens exclude comments, so
     * whatever lies between two tokens is kept when it is not blank, followed by a space, or by its line end when it
     * ends a line (a line comment must).
     */
    void removeKeepingComments(int start, int end) {
        TokenIndex tokens = tree.tokens();
        StringBuilder kept = new StringBuilder();
        int at = start;
        for (int i = tokens.firstAtOrAfter(start); at < end; i++) {
            int next = i < tokens.size() ? Math.min(tokens.start(i), end) : end;
            String gap = tree.sql.substring(at, next);
            if (!gap.isBlank()) {
                String comments = gap.strip();
                String trailing = gap.substring(gap.stripTrailing().length());
                boolean lineEnd = trailing.indexOf('\n') >= 0 || trailing.indexOf('\r') >= 0;
                kept.append(comments).append(lineEnd ? '\n' : ' ');
            }
            at = next < end && i < tokens.size() ? tokens.end(i) : end;
        }
        plan.replace(start, end, kept.toString());
    }

    /** The soft-delete assignments of {@code table}'s rows, qualified by {@code qualifier} when it is not null. */
    String assignments(TableConfig table, String qualifier) {
        return LivePredicate.softDeleteAssignments(table, qualifier, dialect,
                catalog.autoUpdatedColumns(table.name()));
    }

    /** Adds {@code conjuncts} to a WHERE clause: {@code WHERE (original) AND c1 AND c2}, or a new WHERE. */
    void addWhere(Expression where, int insertAtIfNone, List<String> conjuncts) throws StatementRefusedException {
        if (conjuncts.isEmpty()) {
            return;
        }
        String all = String.join(" AND ", conjuncts);
        if (where == null) {
            plan.insert(insertAtIfNone, " WHERE " + all);
            return;
        }
        Span span = locate(where, "WHERE clause");
        plan.insert(span.start, "(");
        plan.insert(span.end, ") AND " + all);
    }

    Span locate(Object parsed, String what) throws StatementRefusedException {
        Span span = tree.span(parsed);
        if (span == null) {
            throw new StatementRefusedException(StatementRefusedException.UNREWRITABLE,
                    "cannot locate the " + what + " in the statement text");
        }
        return span;
    }

    StatementRefusedException refuse(TableRef ref, String construct) {
        return Refusals.unrewritable(ref, construct);
    }

    /**
     * The refusal of a table reference whose alias has a column list. MySQL's partition selection,
     * {@code FROM t PARTITION (p0)}, reaches the planner as one (an alias named PARTITION with the partitions as its
     * columns): the refusal names what the statement says.
     */
    StatementRefusedException aliasWithColumns(TableRef ref) {
        if (dialect.isMySqlFamily() && "PARTITION".equalsIgnoreCase(ref.table.getAlias().getName())) {
            return refuse(ref, "a partition selection (PARTITION (...))");
        }
        return refuse(ref, "an alias with a column list");
    }
}
