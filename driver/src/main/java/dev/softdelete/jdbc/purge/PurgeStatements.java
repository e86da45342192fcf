package dev.softdelete.jdbc.purge;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.plan.LivePredicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch DELETE that purges one table: up to N rows soft-deleted before the cutoff ({@code ?}) that no row of a
 * child table (by the cascade map) still references — children go first, and a parent whose children are live or
 * deleted too recently stays. The hints make the driver send it as written: a real DELETE, with no visibility
 * filter on the child tables it reads.
 */
final class PurgeStatements {
    static final String HINTS = "/* softdelete:hard-delete */ /* softdelete:include-deleted */ ";

    private PurgeStatements() {
    }

    /** One statement per purgeable table (those with a timestamp column), children before parents where possible. */
    static List<String> forConfig(SoftDeleteConfig config, Dialect dialect, int batchSize) {
        return forConfig(config, dialect, batchSize, Catalog.EMPTY);
    }

    /**
     * As {@link #forConfig(SoftDeleteConfig, Dialect, int)}, where a row that any foreign key of {@code catalog}
     * references (live or soft-deleted, from any table) stays too: the key would fail the DELETE, or, with ON DELETE
     * CASCADE, take a live child along.
     */
    static List<String> forConfig(SoftDeleteConfig config, Dialect dialect, int batchSize, Catalog catalog) {
        List<String> statements = new ArrayList<>();
        for (TableConfig t : childrenFirst(config)) {
            if (t.timestampColumn() != null) {
                statements.add(batchDelete(t, dialect, batchSize, catalog));
            }
        }
        return statements;
    }

    /**
     * Per purgeable table (children first), a count of its rows soft-deleted before the cutoff ({@code ?}): an
     * upper bound of what a purge removes, since a parent that a child still references stays.
     */
    static Map<String, String> counts(SoftDeleteConfig config, Dialect dialect) {
        Map<String, String> counts = new LinkedHashMap<>();
        for (TableConfig t : childrenFirst(config)) {
            if (t.timestampColumn() != null) {
                String name = t.name().toString();
                String where = name + '.' + t.timestampColumn() + " < ?"
                        + (t.flagColumn() != null ? " AND " + deleted(t, name, dialect) : "");
                counts.put(name, "/* softdelete:include-deleted */ SELECT COUNT(*) FROM " + name + " WHERE " + where);
            }
        }
        return counts;
    }

    private static String batchDelete(TableConfig t, Dialect dialect, int batchSize, Catalog catalog) {
        String name = t.name().toString();
        StringBuilder where = new StringBuilder();
        // H2's numbered parameter: its statement names the cutoff twice (below), and keeps one parameter
        where.append(name).append('.').append(t.timestampColumn()).append(dialect == Dialect.H2 ? " < ?1" : " < ?");
        if (t.flagColumn() != null) {
            where.append(" AND ").append(deleted(t, name, dialect));
        }
        // MySQL/MariaDB (InnoDB) check a RESTRICT / NO ACTION key row by row: a row that references itself through
        // one cannot be deleted at all (1451), and one such row failed the whole batch, every run (a probe); there
        // it stays, as a row with a child does (PostgreSQL and H2 check at the end of the statement)
        boolean itselfDeletable = !dialect.isMySqlFamily() || catalog.foreignKeysInto(t.name()).stream()
                .noneMatch(fk -> (fk.child.equals(t.name()) || t.name().equals(fk.configuredChild))
                        && (fk.onDelete == ForeignKey.OnDelete.RESTRICT || fk.onDelete == ForeignKey.OnDelete.NO_ACTION));
        for (Cascade edge : t.cascades()) {
            where.append(" AND NOT EXISTS (SELECT 1 FROM ").append(childSource(edge.table(), edge.columns(),
                    edge.references(), t, dialect)).append(" WHERE ").append(keysMatch(edge.columns(),
                    edge.references(), name)).append(itselfDeletable ? notItself(edge.table().equals(t.name()),
                    edge.references(), name) : "").append(')');
        }
        // the rows of a configured table that inherits from this one are that table's to purge, by its own keys and
        // cascades (PostgreSQL): this DELETE leaves them
        for (TableName own : configuredBelow(t.name(), catalog)) {
            where.append(" AND ").append(name).append(".tableoid <> ").append(catalog.regclass(own));
        }
        // the keys into its partitions and inheriting tables too: this DELETE removes their rows
        for (ForeignKey fk : catalog.foreignKeysIntoRowsOf(t.name())) {
            if (fk.followedByCascadeOf(t)) {
                continue;
            }
            where.append(" AND NOT EXISTS (SELECT 1 FROM ").append(childSource(fk.child, fk.childColumns,
                    fk.parentColumns, t, dialect)).append(" WHERE ").append(keysMatch(fk.childColumns,
                    fk.parentColumns, name)).append(itselfDeletable ? notItself(fk.child.equals(fk.parent), fk.parentColumns,
                    name) : "").append(')');
        }
        switch (dialect) {
            case POSTGRESQL:
                // a row version's ctid is unique within one physical table only: a partitioned table or one with
                // inheriting tables holds another row at the same ctid in each of them, live ones included
                return HINTS + "DELETE FROM " + name + " WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM " + name
                        + " WHERE " + where + " LIMIT " + batchSize + ")";
            case MYSQL:
            case MARIADB:
                return HINTS + "DELETE FROM " + name + " WHERE " + where + " LIMIT " + batchSize;
            case H2:
                // a batch by row id: the driver's parser does not read DELETE ... FETCH FIRST, and a statement it
                // cannot parse would be refused on a connection through the driver. The condition is repeated on
                // the row deleted: a row id stays the same when the row changes, and a row that another transaction
                // restored (or changed otherwise) while this DELETE waited for its lock is checked again as it is
                // now, not as the subquery read it before the wait
                return HINTS + "DELETE FROM " + name + " WHERE " + where + " AND _ROWID_ IN (SELECT _ROWID_ FROM "
                        + name + " WHERE " + where + " FETCH FIRST " + batchSize + " ROWS ONLY)";
            default:
                return HINTS + "DELETE FROM " + name + " WHERE " + where + " FETCH FIRST " + batchSize + " ROWS ONLY";
        }
    }

    /**
     * The configured tables that inherit from, or partition, {@code table} (at any depth), and their own plain
     * descendants: tables whose rows a DELETE of {@code table} reaches but whose keys and cascades are their own.
     */
    static List<TableName> configuredBelow(TableName table, Catalog catalog) {
        List<TableName> below = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<TableName, TableName> d : catalog.configuredDescendants().entrySet()) {
                if ((d.getValue().equals(table) || below.contains(d.getValue())) && !below.contains(d.getKey())) {
                    below.add(d.getKey());
                    grew = true;
                }
            }
        }
        List<TableName> result = new ArrayList<>(below);
        catalog.descendants().forEach((descendant, configured) -> {
            if (below.contains(configured)) {
                result.add(descendant);
            }
        });
        return result;
    }

    /** The child table's key columns; materialised on MySQL, which cannot read the table a DELETE changes. */
    private static String childSource(TableName childTable, List<String> columns, List<String> keys,
            TableConfig parent, Dialect dialect) {
        String child = childTable.toString();
        if (dialect.isMySqlFamily() && childTable.equals(parent.name())) {
            // MySQL cannot read the table a DELETE deletes from but through a derived table; the key columns too,
            // for notItself
            List<String> read = new ArrayList<>(columns);
            keys.stream().filter(k -> !read.contains(k)).forEach(read::add);
            return "(SELECT " + String.join(", ", read) + " FROM " + child + ") softdelete_c";
        }
        return child + " softdelete_c";
    }

    /**
     * On a self-referencing edge, the row itself is not a child that keeps it: a row that references itself (a
     * tree's root made its own parent) was purged by no batch, ever, while a hard DELETE removes it. By the key it
     * is referenced by, which is unique.
     */
    private static String notItself(boolean itself, List<String> keys, String name) {
        if (!itself) {
            return ""; // a key from another table; for the catalog's keys, the same table by the catalog's names (a
                       // probe: public.staff against the configured staff never matched)
        }
        StringBuilder b = new StringBuilder(" AND NOT (");
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : " AND ").append("softdelete_c.").append(keys.get(i)).append(" = ").append(name)
                    .append('.').append(keys.get(i));
        }
        return b.append(')').toString();
    }

    private static String keysMatch(List<String> childColumns, List<String> parentColumns, String parent) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < childColumns.size(); i++) {
            b.append(i == 0 ? "" : " AND ").append("softdelete_c.").append(childColumns.get(i)).append(" = ")
                    .append(parent).append('.').append(parentColumns.get(i));
        }
        return b.toString();
    }

    private static String deleted(TableConfig t, String qualifier, Dialect dialect) {
        return LivePredicate.of(t, qualifier, Visibility.ONLY_DELETED, dialect);
    }

    /** Tables ordered so that, along acyclic parts of the cascade map, every child comes before its parents. */
    static List<TableConfig> childrenFirst(SoftDeleteConfig config) {
        List<TableConfig> ordered = new ArrayList<>();
        for (TableConfig t : config.tables()) {
            visit(t, config, ordered, new ArrayList<>());
        }
        return ordered;
    }

    private static void visit(TableConfig t, SoftDeleteConfig config, List<TableConfig> ordered,
                              List<TableConfig> path) {
        if (ordered.contains(t) || path.contains(t)) {
            return;
        }
        path.add(t);
        for (Cascade edge : t.cascades()) {
            for (TableConfig child : config.tables()) {
                if (child.name().equals(edge.table())) {
                    visit(child, config, ordered, path);
                }
            }
        }
        path.remove(path.size() - 1);
        ordered.add(t);
    }
}
