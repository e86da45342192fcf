package dev.softdelete.jdbc.rewrite.catalog;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the driver learns from the database's catalog about the configured tables, read once per configuration and
 * database (outside the engine, which stays free of JDBC) and handed to the rewrite engine as data:
 * <ul>
 * <li>the tables that inherit from a configured table or are its partitions (PostgreSQL), at any depth: rows
 * deleted from them are rows read through the configured table, so they are configured too, with its settings;</li>
 * <li>the plain tables that such a table inherits from or partitions (PostgreSQL): a query or a DELETE of them
 * reaches the configured table's rows too, and cannot be filtered by a column they may not have;</li>
 * <li>columns the database updates on every UPDATE of a row ({@code ON UPDATE CURRENT_TIMESTAMP} on MySQL/MariaDB):
 * a soft delete or a restore must leave them as they were;</li>
 * <li>the unique keys of configured tables, and whether each ignores soft-deleted rows (see {@link UniqueKey});</li>
 * <li>the foreign keys into and out of configured tables, with their ON DELETE actions: an {@code ON DELETE
 * CASCADE} key between two configured tables is followed like a {@code cascade:} entry, whether the map has it or
 * not; the other actions are the planners' (see {@code CascadePlanner}).</li>
 * </ul>
 */
public final class Catalog {
    /** Nothing known: what the engine works with when no database is at hand (tests, {@code explain}). */
    public static final Catalog EMPTY = new Catalog(Map.of(), Map.of(), List.of(), List.of());

    private final Map<TableName, TableName> descendants;
    private final Set<TableName> plainAncestors;
    private final Map<TableName, List<String>> autoUpdatedColumns;
    private final List<ForeignKey> foreignKeys;
    private final List<UniqueKey> uniqueKeys;
    /** The schemas read for the configuration's unqualified names (lower case); null: every schema. */
    private final Set<String> schemas;
    /** Each configured table that inherits from or partitions another configured one, with the nearest of those. */
    private final Map<TableName, TableName> configuredDescendants;
    /** Per configured table (or descendant), the plain partitioned tables it is a partition of. */
    private final Map<TableName, Set<TableName>> partitionedAncestors;
    /** The configured tables whose timestamp column holds less than microseconds. */
    private final Set<TableName> coarseTimestamps;
    /** The inheritance relatives, in schemas not read, of tables named like configured ones there. */
    private final Set<TableName> unreadInheritance;
    /** Per configured table, the columns {@code SELECT *} does not give (lower case): see {@link #withHiddenColumns}. */
    private final Map<TableName, Set<String>> hiddenColumns;
    /** Per configured table (or descendant) in an inheritance tree, its schema and name as the catalog stores them. */
    private final Map<TableName, TableName> storedNames;

    /**
     * @param descendants        each inheriting table or partition, with the configured table it descends from
     * @param autoUpdatedColumns per table, the columns the database sets on every UPDATE
     * @param foreignKeys        the foreign keys whose child or parent is a configured table (or a descendant)
     * @param uniqueKeys         the unique keys of configured tables
     */
    public Catalog(Map<TableName, TableName> descendants, Map<TableName, List<String>> autoUpdatedColumns,
            List<ForeignKey> foreignKeys, List<UniqueKey> uniqueKeys) {
        this(descendants, Set.of(), autoUpdatedColumns, foreignKeys, uniqueKeys);
    }

    /**
     * @param descendants        each inheriting table or partition, with the configured table it descends from
     * @param plainAncestors     the tables, not configured, that a configured table (or a descendant) inherits
     *                           from or partitions, at any depth
     * @param autoUpdatedColumns per table, the columns the database sets on every UPDATE
     * @param foreignKeys        the foreign keys whose child or parent is a configured table (or a descendant)
     * @param uniqueKeys         the unique keys of configured tables
     */
    public Catalog(Map<TableName, TableName> descendants, Set<TableName> plainAncestors,
            Map<TableName, List<String>> autoUpdatedColumns, List<ForeignKey> foreignKeys, List<UniqueKey> uniqueKeys) {
        this.uniqueKeys = List.copyOf(uniqueKeys);
        this.descendants = Map.copyOf(descendants);
        this.plainAncestors = Set.copyOf(plainAncestors);
        Map<TableName, List<String>> columns = new LinkedHashMap<>();
        autoUpdatedColumns.forEach((table, list) -> columns.put(table, List.copyOf(list)));
        this.autoUpdatedColumns = Map.copyOf(columns);
        this.foreignKeys = List.copyOf(foreignKeys);
        this.schemas = null;
        this.configuredDescendants = Map.of();
        this.partitionedAncestors = Map.of();
        this.coarseTimestamps = Set.of();
        this.unreadInheritance = Set.of();
        this.hiddenColumns = Map.of();
        this.storedNames = Map.of();
    }

    private Catalog(Catalog from, Set<String> schemas, Map<TableName, TableName> configuredDescendants,
            Map<TableName, Set<TableName>> partitionedAncestors, Map<TableName, TableName> storedNames,
            Set<TableName> coarseTimestamps, Set<TableName> unreadInheritance,
            Map<TableName, Set<String>> hiddenColumns) {
        this.storedNames = Map.copyOf(storedNames);
        this.coarseTimestamps = Set.copyOf(coarseTimestamps);
        this.hiddenColumns = hiddenColumns;
        this.unreadInheritance = Set.copyOf(unreadInheritance);
        this.uniqueKeys = from.uniqueKeys;
        this.descendants = from.descendants;
        this.plainAncestors = from.plainAncestors;
        this.autoUpdatedColumns = from.autoUpdatedColumns;
        this.foreignKeys = from.foreignKeys;
        if (schemas == null) {
            this.schemas = null;
        } else {
            Set<String> lower = new HashSet<>();
            schemas.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
            this.schemas = Set.copyOf(lower);
        }
        this.configuredDescendants = Map.copyOf(configuredDescendants);
        Map<TableName, Set<TableName>> ancestors = new LinkedHashMap<>();
        partitionedAncestors.forEach((table, set) -> ancestors.put(table, Set.copyOf(set)));
        this.partitionedAncestors = Map.copyOf(ancestors);
    }

    /**
     * This catalog, with what PostgreSQL's inheritance adds:
     *
     * @param configuredDescendants each configured table that inherits from or partitions another configured one,
     *                              with the nearest of those
     * @param partitionedAncestors  per configured table (or descendant), the plain partitioned tables it is a
     *                              partition of (a foreign key into one of those references its rows)
     * @param storedNames           per configured table (or descendant) in an inheritance tree, its schema and name
     *                              as stored: where the driver names it by oid ({@link #regclass}), a name resolved
     *                              by the search path at run time could be another table
     */
    public Catalog withInheritance(Map<TableName, TableName> configuredDescendants,
            Map<TableName, Set<TableName>> partitionedAncestors, Map<TableName, TableName> storedNames) {
        return new Catalog(this, schemas, configuredDescendants, partitionedAncestors, storedNames, coarseTimestamps,
                unreadInheritance, hiddenColumns);
    }

    /**
     * The PostgreSQL literal of {@code table}'s oid, {@code '"schema"."table"'::regclass}, naming the table as the
     * catalog stores it (see {@link #withInheritance}); {@code table} as written when the catalog has no such name.
     */
    public String regclass(TableName table) {
        TableName stored = storedNames.get(table);
        String name = stored == null || stored.schema() == null ? table.toString()
                : quoted(stored.schema()) + "." + quoted(stored.table());
        return "'" + name.replace("'", "''") + "'::regclass";
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * This catalog, with the tables of schemas it was not read for (see {@link #readIn}) that inherit from or
     * partition a table named like a configured one there, or that such a table inherits from or partitions, at any
     * depth: their rows include, or are, rows of a table the configuration covers, whose partitions and keys the
     * catalog does not hold. A statement that names one of them with its schema is refused.
     */
    public Catalog withUnreadInheritance(Set<TableName> tables) {
        return new Catalog(this, schemas, configuredDescendants, partitionedAncestors, storedNames, coarseTimestamps,
                tables, hiddenColumns);
    }

    /** The tables of {@link #withUnreadInheritance}. */
    public Set<TableName> unreadInheritance() {
        return unreadInheritance;
    }

    /**
     * This catalog, with the configured tables whose timestamp column holds less than microseconds: the driver finds
     * a delete's rows by the event's timestamp (cascades, foreign-key checks, restores), which such a column no
     * longer equals once stored.
     */
    public Catalog withCoarseTimestamps(Set<TableName> tables) {
        return new Catalog(this, schemas, configuredDescendants, partitionedAncestors, storedNames, tables,
                unreadInheritance, hiddenColumns);
    }

    /**
     * This catalog, with the columns of configured tables that {@code SELECT *} does not give: MySQL's and MariaDB's
     * {@code INVISIBLE} columns, MariaDB's system-versioning row start and end, H2's invisible columns. A filtered
     * derived table, {@code (SELECT * FROM t WHERE <live>) t}, has none of them: a reference to one through it fails,
     * or, unqualified, binds to a column of another table.
     */
    public Catalog withHiddenColumns(Map<TableName, Set<String>> columns) {
        Map<TableName, Set<String>> lower = new LinkedHashMap<>();
        columns.forEach((table, names) -> {
            Set<String> set = new HashSet<>();
            names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
            lower.put(table, Set.copyOf(set));
        });
        return new Catalog(this, schemas, configuredDescendants, partitionedAncestors, storedNames, coarseTimestamps,
                unreadInheritance, Map.copyOf(lower));
    }

    /** The columns of {@code table} that {@code SELECT *} does not give (see {@link #withHiddenColumns}), lower case. */
    public Set<String> hiddenColumns(TableName table) {
        return hiddenColumns.getOrDefault(table, Set.of());
    }

    /**
     * Whether {@code table}'s timestamp column holds less than microseconds (see {@link #withCoarseTimestamps}); a
     * partition or inheriting table is taken to hold what the configured table it descends from holds.
     */
    public boolean coarseTimestamp(TableName table) {
        TableName root = descendants.get(table);
        return coarseTimestamps.contains(table) || root != null && coarseTimestamps.contains(root);
    }

    /** Whether {@code table} is a plain partitioned table that a configured table (or descendant) is a partition of. */
    public boolean isPartitionedAncestor(TableName table) {
        for (Set<TableName> ancestors : partitionedAncestors.values()) {
            if (ancestors.contains(table)) {
                return true;
            }
        }
        return false;
    }

    /** The plain partitioned tables that the configured table (or descendant) {@code table} is a partition of. */
    public Set<TableName> partitionedAncestors(TableName table) {
        return partitionedAncestors.getOrDefault(table, Set.of());
    }

    /**
     * The configured tables and descendants that are partitions, at any depth, of the plain partitioned table
     * {@code table}: a foreign key declared on it holds their rows, soft-deleted ones included.
     */
    public List<TableName> configuredPartitionsOf(TableName table) {
        List<TableName> result = new ArrayList<>();
        partitionedAncestors.forEach((partition, ancestors) -> {
            if (ancestors.contains(table)) {
                result.add(partition);
            }
        });
        return result;
    }

    /** Each configured table that inherits from or partitions another configured one, with the nearest of those. */
    public Map<TableName, TableName> configuredDescendants() {
        return configuredDescendants;
    }

    /**
     * This catalog, read for a configuration's unqualified names in {@code schemas} only (PostgreSQL's search path,
     * MySQL's default database, at connect, and the schemas the configuration names): their tables in another
     * schema are not what it describes.
     */
    public Catalog readIn(Set<String> schemas) {
        return new Catalog(this, Set.copyOf(schemas), configuredDescendants, partitionedAncestors, storedNames,
                coarseTimestamps, unreadInheritance, hiddenColumns);
    }

    /**
     * Whether this catalog describes the tables of {@code schema} (compared ignoring case) that the configuration
     * names without a schema: their foreign keys, partitions and unique keys.
     */
    public boolean describes(String schema) {
        return schemas == null || schemas.contains(schema.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether this catalog describes the table a statement names as {@code written.table}, configured as
     * {@code configured}: always when it is written without a schema or configured with one, else when the schema
     * written was read (see {@link #describes(String)}).
     */
    public boolean describes(TableName configured, String written) {
        return written == null || written.isEmpty() || configured.schema() != null || describes(written);
    }

    /** Each inheriting table or partition of a configured table, with the configured table it descends from. */
    public Map<TableName, TableName> descendants() {
        return descendants;
    }

    /**
     * The tables, not configured, whose rows include a configured table's (PostgreSQL inheritance and partitioning):
     * reading or deleting them without {@code ONLY} reaches soft-deleted rows.
     */
    public Set<TableName> plainAncestors() {
        return plainAncestors;
    }

    /** The columns the database sets on every UPDATE of a row of {@code table}; empty when there are none. */
    public List<String> autoUpdatedColumns(TableName table) {
        return autoUpdatedColumns.getOrDefault(table, List.of());
    }

    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** The unique keys of the configured table {@code table}; empty when none are known. */
    public List<UniqueKey> uniqueKeys(TableName table) {
        List<UniqueKey> result = new ArrayList<>();
        for (UniqueKey k : uniqueKeys) {
            if (k.table.equals(table)) {
                result.add(k);
            }
        }
        return result;
    }

    /**
     * The foreign keys that reference {@code table} (as the effective configuration names it), or the configured
     * table it descends from: a partition's rows are referenced through its partitioned table.
     */
    public List<ForeignKey> foreignKeysInto(TableName table) {
        TableName ancestor = descendants.get(table);
        List<ForeignKey> result = new ArrayList<>();
        for (ForeignKey fk : foreignKeys) {
            // a key into a plain table that others inherit from references that table's own rows, not its
            // inheriting tables' (a partitioned table's key references its partitions' rows)
            if (fk.configuredParent != null && (fk.configuredParent.equals(table)
                    || fk.configuredParent.equals(ancestor) && !fk.parentRowsOnly)) {
                result.add(fk);
            }
        }
        return result;
    }

    /**
     * The foreign keys that reference a row a statement on {@code table} can delete: those of
     * {@link #foreignKeysInto}, those into each partition or inheriting table that descends from {@code table}
     * (PostgreSQL: a DELETE through a partitioned table deletes its partitions' rows, whose keys reference them), and
     * those into a plain partitioned table that {@code table} is a partition of (they reference its rows too).
     * Not those into a configured table that descends from it: that one's own steps follow them.
     */
    public List<ForeignKey> foreignKeysIntoRowsOf(TableName table) {
        List<ForeignKey> result = foreignKeysInto(table);
        Set<TableName> ancestors = partitionedAncestors.getOrDefault(table, Set.of());
        for (ForeignKey fk : foreignKeys) {
            boolean intoDescendant = fk.configuredParent != null && table.equals(descendants.get(fk.configuredParent));
            if ((intoDescendant || ancestors.contains(fk.parent)) && !result.contains(fk)) {
                result.add(fk);
            }
        }
        return result;
    }

    /**
     * {@code config} with every descendant of a configured table configured too, with the settings (columns and
     * cascades) of the configured table it descends from; a descendant configured in its own right keeps its own.
     */
    public SoftDeleteConfig effective(SoftDeleteConfig config) {
        if (descendants.isEmpty() && foreignKeys.isEmpty()) {
            return config;
        }
        Map<TableName, TableConfig> byName = new LinkedHashMap<>();
        Set<String> unqualified = new HashSet<>();
        for (TableConfig t : config.tables()) {
            byName.put(t.name(), t);
            unqualified.add(t.name().table().toLowerCase(Locale.ROOT));
        }
        List<TableConfig> tables = new ArrayList<>(config.tables());
        for (Map.Entry<TableName, TableName> d : descendants.entrySet()) {
            TableConfig ancestor = byName.get(d.getValue());
            if (ancestor == null || byName.containsKey(d.getKey())
                    || unqualified.contains(d.getKey().table().toLowerCase(Locale.ROOT))) {
                continue;
            }
            tables.add(new TableConfig(d.getKey(), ancestor.flagColumn(), ancestor.flagType(),
                    ancestor.timestampColumn(), ancestor.batchColumn(), ancestor.actorColumn(), ancestor.cascades()));
        }
        return new SoftDeleteConfig(config.source(), withDatabaseCascades(tables), config.options());
    }

    /**
     * The tables with every {@code ON DELETE CASCADE} foreign key between two configured tables followed as a
     * cascade, unless the {@code cascade:} map already has that edge (same child, same columns): a soft delete of
     * the parent then takes the children along as the hard delete would have.
     */
    private List<TableConfig> withDatabaseCascades(List<TableConfig> tables) {
        List<TableConfig> result = new ArrayList<>();
        for (TableConfig t : tables) {
            List<Cascade> cascades = new ArrayList<>(t.cascades());
            for (ForeignKey fk : foreignKeys) {
                if (fk.onDelete == ForeignKey.OnDelete.CASCADE && t.name().equals(fk.configuredParent)
                        && fk.configuredChild != null && !hasEdge(cascades, fk)) {
                    cascades.add(new Cascade(fk.configuredChild, fk.childColumns, fk.parentColumns));
                }
            }
            result.add(cascades.size() == t.cascades().size() ? t : new TableConfig(t.name(), t.flagColumn(),
                    t.flagType(), t.timestampColumn(), t.batchColumn(), t.actorColumn(), cascades));
        }
        return result;
    }

    private static boolean hasEdge(List<Cascade> cascades, ForeignKey fk) {
        for (Cascade c : cascades) {
            if (c.table().equals(fk.configuredChild) && lower(c.columns()).equals(lower(fk.childColumns))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lower(List<String> names) {
        List<String> result = new ArrayList<>();
        names.forEach(n -> result.add(n.toLowerCase(Locale.ROOT)));
        return result;
    }
}
