package dev.softdelete.jdbc.rewrite.analyse;

import dev.softdelete.config.TableConfig;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;

/**
 * Which tables a DELETE removes rows from. Every target is resolved to the table reference it denotes, and a target
 * counts as a plain table only when that is proven: a target naming a configured table, an alias of one, a CTE, a
 * derived table, several tables, or nothing known is not plain. The planner sends a statement as a DELETE only
 * when all of its targets are plain.
 *
 * <p>The forms, as JSqlParser represents them:
 * <ul>
 * <li>{@link Form#SINGLE}: {@code DELETE FROM t [AS a] [WHERE ...]}, and PostgreSQL's {@code DELETE FROM t USING
 * u ...}, whose USING list is only read: the target is {@code t};</li>
 * <li>{@link Form#MULTI_FROM}, MySQL's {@code DELETE t1[, t2] FROM table_references ...}: the targets name tables
 * of the FROM clause, by alias when they have one;</li>
 * <li>{@link Form#MULTI_USING}, MySQL's {@code DELETE FROM t1[, t2] USING table_references ...} (JSqlParser puts
 * {@code t1} in the table and {@code t2...} in the joins): the targets name tables of the USING list.</li>
 * </ul>
 */
public final class DeleteTargets {
    /** The syntactic form of the DELETE. */
    public enum Form {
        SINGLE, MULTI_FROM, MULTI_USING
    }

    /** One target of the DELETE and what it denotes. */
    public static final class Target {
        /** The target as written in the target list (for {@link Form#SINGLE}, the table itself). */
        public final Table named;
        /** The table reference the target denotes; null when {@link #doubt} says why there is none. */
        public final TableRef source;
        /** Why the target is not proven to denote one table, or null when it is. */
        public final String doubt;

        Target(Table named, TableRef source, String doubt) {
            this.named = named;
            this.source = source;
            this.doubt = doubt;
        }

        /** The configuration of the table the target denotes: null for a plain table or an unresolved target. */
        public TableConfig config() {
            return source == null ? null : source.configIgnoringCtes;
        }

        /** Proven to denote a table that is not configured: the only kind of target that may be hard-deleted. */
        public boolean plain() {
            return doubt == null && config() == null;
        }
    }

    public final Form form;
    public final List<Target> targets;
    /** The tables and joins the statement reads rows of, the targets' tables among them (MySQL forms). */
    public final FromItem first;
    public final List<Join> joins;
    /** The USING list: PostgreSQL's tables read alongside the target, or MySQL's table references. */
    public final List<FromItem> using;

    private DeleteTargets(Form form, List<Target> targets, FromItem first, List<Join> joins, List<FromItem> using) {
        this.form = form;
        this.targets = List.copyOf(targets);
        this.first = first;
        this.joins = joins;
        this.using = using;
    }

    public boolean allPlain() {
        return targets.stream().allMatch(Target::plain);
    }

    /** Resolves the targets of {@code delete} as {@code dialect} reads them. */
    public static DeleteTargets of(Delete delete, SyntaxTree tree, Dialect dialect) {
        List<FromItem> using = delete.getUsingFromItemList() == null ? List.of() : List.copyOf(delete.getUsingFromItemList());
        List<Join> joins = delete.getJoins() == null ? List.of() : delete.getJoins();
        boolean targetList = delete.getTables() != null && !delete.getTables().isEmpty();
        if (targetList) {
            List<FromItem> sources = new ArrayList<>();
            sources.add(delete.getTable());
            joins.forEach(j -> sources.add(j.getFromItem()));
            return new DeleteTargets(Form.MULTI_FROM, resolve(delete.getTables(), sources, tree,
                    dialect.isMySqlFamily()), delete.getTable(), joins, using);
        }
        if (!using.isEmpty() && (dialect.isMySqlFamily() || !joins.isEmpty())) {
            List<Table> named = new ArrayList<>();
            named.add(delete.getTable());
            List<Target> unnamed = new ArrayList<>();
            for (Join j : joins) {
                if (j.getFromItem() instanceof Table && j.isSimple() && j.getOnExpressions().isEmpty()) {
                    named.add((Table) j.getFromItem());
                } else {
                    unnamed.add(new Target(null, null, "a target list that is not a list of table names"));
                }
            }
            List<Target> targets = resolve(named, using, tree, dialect.isMySqlFamily());
            targets.addAll(unnamed);
            return new DeleteTargets(Form.MULTI_USING, targets, null, List.of(), using);
        }
        Table table = delete.getTable();
        TableRef ref = tree.ref(table);
        String doubt = ref == null ? "a DELETE target the parse does not locate"
                : ref.cte && ref.configIgnoringCtes != null ? "a DELETE target named like a CTE" : null;
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(table, ref, doubt));
        if (!joins.isEmpty()) {
            targets.add(new Target(null, null, "a single-table DELETE with joins"));
        }
        return new DeleteTargets(Form.SINGLE, targets, table, List.of(), using);
    }

    private static List<Target> resolve(List<Table> named, List<FromItem> sources, SyntaxTree tree,
                                        boolean mySqlFamily) {
        List<FromItem> flat = new ArrayList<>();
        for (FromItem s : sources) {
            flatten(s, flat);
        }
        List<Target> result = new ArrayList<>();
        for (Table n : named) {
            Target t = resolve(n, flat, tree, mySqlFamily);
            boolean twice = t.source != null && result.stream().anyMatch(r -> r.source == t.source);
            // MySQL rejects a table named twice in the list (1066), where the UPDATE it became ran (a probe's
            // DELETE o, o FROM orders o soft-deleted)
            result.add(twice ? new Target(n, null, "a DELETE target named twice, which the database rejects") : t);
        }
        return result;
    }

    /** Parenthesised joins hold table references too: {@code a JOIN (b JOIN c ON ...) ON ...}. */
    private static void flatten(FromItem item, List<FromItem> into) {
        if (item instanceof ParenthesedFromItem && item.getAlias() == null) {
            ParenthesedFromItem nested = (ParenthesedFromItem) item;
            flatten(nested.getFromItem(), into);
            if (nested.getJoins() != null) {
                nested.getJoins().forEach(j -> flatten(j.getFromItem(), into));
            }
        } else if (item != null) {
            into.add(item);
        }
    }

    /**
     * What {@code named} denotes among {@code sources}, matching leniently: names and aliases ignore case and
     * quotes, a qualified target matches the table of that name whatever its schema, and an aliased table still
     * matches its own name. More matches can only make a target less certain, never plain by mistake.
     */
    private static Target resolve(Table named, List<FromItem> sources, SyntaxTree tree, boolean mySqlFamily) {
        List<FromItem> matches = new ArrayList<>();
        for (FromItem s : sources) {
            if (denotes(named, s)) {
                matches.add(s);
            }
        }
        if (matches.isEmpty()) {
            return new Target(named, null, "a DELETE target that names no table of its FROM/USING list");
        }
        TableRef only = null;
        boolean anyConfigured = false;
        for (FromItem m : matches) {
            if (!(m instanceof Table)) {
                return new Target(named, null, "a DELETE target that names a derived table or function");
            }
            TableRef ref = tree.ref((Table) m);
            if (ref == null) {
                return new Target(named, null, "a DELETE target whose table the parse does not locate");
            }
            if (ref.cte) {
                return new Target(named, null, "a DELETE target that names a CTE");
            }
            anyConfigured |= ref.configIgnoringCtes != null;
            only = ref;
        }
        if (anyConfigured && mySqlFamily && matches.stream().allMatch(m -> m.getAlias() != null
                && (named.getSchemaName() != null || !Identifiers.unquote(m.getAlias().getName())
                        .equalsIgnoreCase(Identifiers.unquote(named.getName()))))) {
            // DELETE orders FROM orders o (and DELETE FROM orders USING orders o, DELETE FROM orders o USING ...):
            // once a table has an alias MySQL and MariaDB know it only by the alias (1109), where the UPDATE it
            // would become ran (a probe soft-deleted, with cascades)
            return new Target(named, null, "a DELETE target that names an aliased table otherwise than by its alias,"
                    + " which MySQL and MariaDB reject (error 1109)");
        }
        if (anyConfigured && mySqlFamily && named.getAlias() != null) {
            // DELETE FROM items i USING items i
            return new Target(named, null, "a DELETE target with an alias of its own, which MySQL and MariaDB"
                    + " reject (1064)");
        }
        if (anyConfigured && mySqlFamily && matches.stream().noneMatch(m -> denotesAsWritten(named, m))) {
            // DELETE O FROM orders o: MySQL compares aliases, and on most servers table names, by case (error
            // 1109), where the driver would have soft-deleted
            return new Target(named, null, "a DELETE target written otherwise (another case, another qualifier) than"
                    + " the table or alias it names, which MySQL and MariaDB may read as another name");
        }
        if (matches.size() > 1) {
            return anyConfigured ? new Target(named, null, "a DELETE target that may name several tables")
                    : new Target(named, only, null);
        }
        return new Target(named, only, null);
    }

    /**
     * As {@link #denotes}, with the case of the names as written (quotes aside); a target with a schema denotes a
     * table written with that schema (the session's database, which an unqualified table is in, is not known here).
     */
    private static boolean denotesAsWritten(Table named, FromItem source) {
        String name = Identifiers.unquote(named.getName());
        if (source.getAlias() != null && named.getSchemaName() == null
                && Identifiers.unquote(source.getAlias().getName()).equals(name)) {
            return true;
        }
        if (!(source instanceof Table) || ((Table) source).getName() == null
                || !Identifiers.unquote(((Table) source).getName()).equals(name)) {
            return false;
        }
        String schema = named.getSchemaName();
        String written = ((Table) source).getSchemaName();
        return schema == null || written != null && Identifiers.unquote(written).equals(Identifiers.unquote(schema));
    }

    private static boolean denotes(Table named, FromItem source) {
        String name = Identifiers.unquote(named.getName());
        if (source.getAlias() != null && named.getSchemaName() == null
                && Identifiers.unquote(source.getAlias().getName()).equalsIgnoreCase(name)) {
            return true;
        }
        if (!(source instanceof Table)) {
            return false;
        }
        Table t = (Table) source;
        return t.getName() != null && Identifiers.unquote(t.getName()).equalsIgnoreCase(name);
    }
}
