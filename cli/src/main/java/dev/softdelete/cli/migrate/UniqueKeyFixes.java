package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans the DDL that makes a unique key of a soft-delete table ignore soft-deleted rows, so that re-inserting the key
 * of a deleted row succeeds as it would after a hard delete, while two live rows still collide with the same error
 * (the key keeps its name):
 * <ul>
 * <li>PostgreSQL: the constraint (or index) is dropped and a unique index of the same name and definition is created,
 * partial on the live rows ({@code ... WHERE NOT is_deleted});</li>
 * <li>MySQL/MariaDB: a virtual generated column {@code sd_live_<column>} that is the key's last column for live rows
 * and NULL for deleted ones ({@code IF(is_deleted, NULL, email)}, in timestamp-only mode
 * {@code CASE WHEN deleted_at IS NULL THEN email END}), invisible where the server has invisible columns; the index is
 * dropped and created again, of the same name, over the key's columns with the last one replaced by the generated
 * one. A NULL never collides in a unique index, so deleted rows drop out of it. A plain index over the key's own
 * columns, {@code <key>_lookup}, keeps lookups by them indexed (unless another index starts with them). It is one
 * {@code ALTER TABLE}.</li>
 * </ul>
 * The primary key stays as it is, as does a key a foreign key references (a foreign key needs a key over all rows),
 * a partial key with its own condition, and a key over expressions. H2 has neither partial indexes nor such keys in
 * the catalog: nothing is planned there.
 */
public final class UniqueKeyFixes {
    /** The prefix of the generated columns (MySQL/MariaDB). */
    public static final String GENERATED_PREFIX = "sd_live_";

    private final Connection connection;
    private final Dialect dialect;
    private final Ddl ddl;
    private final Catalog catalog;
    private final TableIndexes indexes;
    /** The generated columns the fixes planned so far add, as {@code table.column}. */
    private final Set<String> adding = new HashSet<>();

    public UniqueKeyFixes(Connection connection, Dialect dialect, Ddl ddl, Catalog catalog, TableIndexes indexes) {
        this.connection = connection;
        this.dialect = dialect;
        this.ddl = ddl;
        this.catalog = catalog;
        this.indexes = indexes;
    }

    /**
     * The unique keys of {@code table} that still hold the keys of soft-deleted rows and are worth changing: not the
     * primary key, nor a key that contains it or, with more columns, the columns of a key a foreign key references.
     * Those keys stay over all rows, so a key around one cannot collide unless it does; the lock indexes of the
     * guards ({@code (code, is_deleted)}) are such keys, and made partial they would no longer make a soft delete wait
     * for a referencing row's foreign-key check; they are left out by name too (over a referenced key that holds the
     * flag already, their columns are the key's own).
     */
    public static List<UniqueKey> unaware(Catalog catalog, TableConfig table) {
        List<UniqueKey> keys = catalog.uniqueKeys(table.name());
        Set<String> primary = new HashSet<>();
        for (UniqueKey k : keys) {
            if (k.primary) {
                primary.addAll(lower(k.columns));
            }
        }
        List<Set<String>> referenced = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeysInto(table.name())) {
            referenced.add(lower(fk.parentColumns));
        }
        List<UniqueKey> result = new ArrayList<>();
        for (UniqueKey k : keys) {
            Set<String> columns = lower(k.columns);
            boolean aroundPrimary = !primary.isEmpty() && columns.containsAll(primary);
            boolean aroundReferenced = referenced.stream()
                .anyMatch(r -> columns.size() > r.size() && columns.containsAll(r));
            boolean lockIndex = k.name.toLowerCase(Locale.ROOT).startsWith(GuardTriggers.LOCK_INDEX_PREFIX);
            if (!k.primary && !k.softDeleteAware && !aroundPrimary && !aroundReferenced && !lockIndex
                    && !k.exclusion) {
                result.add(k);
            }
        }
        return result;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> result = new HashSet<>();
        names.forEach(n -> result.add(n.toLowerCase(Locale.ROOT)));
        return result;
    }

    /** The DDL that makes {@code key} of {@code table} (found as {@code found}) soft-delete-aware. */
    public UniqueKeyFix fix(TableConfig table, DatabaseTable found, String tableSql, UniqueKey key)
            throws SQLException {
        for (ForeignKey fk : catalog.foreignKeysInto(table.name())) {
            if (key.over(fk.parentColumns)) {
                return new UniqueKeyFix(key, List.of(), "foreign key " + fk.name + " of " + fk.child.table()
                    + " references it, and a foreign key needs a key over all rows; it stays as it is");
            }
        }
        if (dialect == Dialect.POSTGRESQL) {
            return postgres(table, found, tableSql, key);
        }
        if (dialect.isMySqlFamily()) {
            return mysql(table, found, tableSql, key);
        }
        return new UniqueKeyFix(key, List.of(), "this database has no soft-delete-aware unique keys");
    }

    private UniqueKeyFix postgres(TableConfig table, DatabaseTable found, String tableSql, UniqueKey key)
            throws SQLException {
        if (key.predicate != null) {
            return new UniqueKeyFix(key, List.of(), "a partial index with its own condition (" + key.predicate
                + "); add the live condition to it by hand");
        }
        String sql = "SELECT pg_get_indexdef(i.indexrelid), EXISTS (SELECT 1 FROM pg_constraint con"
            + " WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid), EXISTS (SELECT 1 FROM pg_constraint"
            + " con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.condeferrable)"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ic.relname = ? AND c.relname = ?"
            + " AND n.nspname = ?";
        String definition;
        boolean constraint;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, key.name);
            ps.setString(2, found.name());
            ps.setString(3, found.container());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new UniqueKeyFix(key, List.of(), "index " + key.name + " not found");
                }
                definition = rs.getString(1);
                constraint = rs.getBoolean(2);
                if (rs.getBoolean(3)) {
                    return new UniqueKeyFix(key, List.of(), "a DEFERRABLE constraint, which a partial unique index"
                        + " cannot be (its checks would run at once instead of at the end of the statement or"
                        + " transaction); replace it by hand, for instance with EXCLUDE USING btree (... WITH =)"
                        + " WHERE (" + ddl.live(table) + ") DEFERRABLE");
                }
            }
        }
        String prefix = "CREATE UNIQUE INDEX ";
        if (!definition.startsWith(prefix)) {
            return new UniqueKeyFix(key, List.of(), "unexpected definition: " + definition);
        }
        String create = prefix + "IF NOT EXISTS " + definition.substring(prefix.length()).replaceFirst(" ON ONLY ",
            " ON ") + " WHERE " + ddl.live(table);
        String drop = constraint ? "ALTER TABLE " + tableSql + " DROP CONSTRAINT IF EXISTS " + ddl.quote(key.name)
            : ddl.dropIndex(key.name, found, tableSql);
        return new UniqueKeyFix(key, List.of(drop, create), null);
    }

    private UniqueKeyFix mysql(TableConfig table, DatabaseTable found, String tableSql, UniqueKey key)
            throws SQLException {
        if (key.columns.isEmpty()) {
            return new UniqueKeyFix(key, List.of(), "a key over expressions; make it ignore deleted rows by hand");
        }
        IndexShape shape = indexShape(found, key.name);
        if (key.columns.size() > 1 && "HASH".equalsIgnoreCase(shape.type)) {
            // the lookup index over the key's own columns would be a B-tree over a whole BLOB/TEXT column, which
            // MariaDB refuses (1071, key too long) on every run
            return new UniqueKeyFix(key, List.of(), "a key over several columns with a whole BLOB/TEXT one (a HASH"
                + " unique index), which migrate cannot rebuild; make it ignore deleted rows by hand");
        }
        if (partitioned(found)) {
            // a unique key of a partitioned table must hold every column of the partitioning function, and the
            // generated column would stand in for one of them: the server refuses the index, on every run (a probe)
            return new UniqueKeyFix(key, List.of(), "a key of a partitioned table, which must hold every column of"
                + " the partitioning function as it is; make it ignore deleted rows by hand");
        }
        MySqlDdl mysql = (MySqlDdl) ddl;
        String last = key.columns.get(key.columns.size() - 1);
        String generated = ddl.objectName(GENERATED_PREFIX + last);
        String expression = table.flagColumn() != null
            ? "IF(" + ddl.quote(table.flagColumn()) + ", NULL, " + ddl.quote(last) + ")"
            : "CASE WHEN " + ddl.quote(table.timestampColumn()) + " IS NULL THEN " + ddl.quote(last) + " END";
        List<String> parts = new ArrayList<>();
        // a column this plan adds already (another key ending in the same column) exists by the time this runs
        Boolean existing = adding.contains(tableSql + '.' + generated) ? Boolean.TRUE : generatedColumn(found, generated);
        if (existing == null) {
            adding.add(tableSql + '.' + generated);
            parts.add("ADD COLUMN " + ddl.quote(generated) + " " + mysql.columnType(found, last).withCollation()
                + " AS (" + expression + ") VIRTUAL" + (mysql.invisibleColumns() ? " INVISIBLE" : ""));
        } else if (!existing) {
            return new UniqueKeyFix(key, List.of(), "column " + generated + " exists and is not generated");
        }
        List<String> columns = new ArrayList<>();
        for (String c : key.columns.subList(0, key.columns.size() - 1)) {
            columns.add(ddl.quote(c) + shape.prefixOf(c));
        }
        columns.add(ddl.quote(generated) + shape.prefixOf(last));
        boolean lookupIndexed = indexes.hasIndexStartingWith(found, key.columns, key.name);
        for (ForeignKey fk : catalog.foreignKeys()) {
            boolean ownChild = fk.child.table().equalsIgnoreCase(found.name())
                && (fk.child.schema() == null || fk.child.schema().equalsIgnoreCase(found.container()));
            if (ownChild && key.over(fk.childColumns)
                    && !indexes.hasIndexStartingWith(found, fk.childColumns, key.name)) {
                List<String> fkColumns = new ArrayList<>();
                fk.childColumns.forEach(c -> fkColumns.add(ddl.quote(c)));
                parts.add("ADD INDEX " + ddl.quote(ddl.objectName(fk.name + "_idx")) + " ("
                    + String.join(", ", fkColumns) + ")");
                lookupIndexed |= startsWith(fk.childColumns, key.columns);
            }
        }
        if (!lookupIndexed) {
            // the key's own columns stay indexed: statements still look rows up by them (WHERE email = ?), and
            // without an index InnoDB scans, and at READ COMMITTED skips a row another transaction is inserting
            // where the unique index made the hard statement wait for it
            List<String> keyColumns = new ArrayList<>();
            key.columns.forEach(c -> keyColumns.add(ddl.quote(c) + shape.prefixOf(c)));
            parts.add("ADD INDEX " + ddl.quote(ddl.objectName(key.name + "_lookup")) + " ("
                + String.join(", ", keyColumns) + ")");
        }
        parts.add("DROP INDEX " + ddl.quote(key.name));
        parts.add("ADD UNIQUE INDEX " + ddl.quote(key.name) + " (" + String.join(", ", columns) + ")");
        return new UniqueKeyFix(key, List.of("ALTER TABLE " + tableSql + " " + String.join(", ", parts)), null);
    }

    /** Whether {@code index}'s columns begin with {@code columns}, ignoring case. */
    private static boolean startsWith(List<String> index, List<String> columns) {
        if (index.size() < columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!index.get(i).equalsIgnoreCase(columns.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** How MySQL/MariaDB stores an index: its type, and the columns it indexes by a prefix. */
    private static final class IndexShape {
        /** BTREE, HASH, ...; null when the index was not found. */
        String type;
        /** By lower-case column name, the prefix a column is indexed by ({@code UNIQUE (name(3))}), as "(3)". */
        final Map<String, String> prefixes = new HashMap<>();

        /** {@code column}'s prefix, or "" when the index takes the whole column. */
        String prefixOf(String column) {
            return prefixes.getOrDefault(column.toLowerCase(Locale.ROOT), "");
        }
    }

    /** Index {@code index} of {@code table}, so that the key made soft-delete-aware compares the same prefixes. */
    private IndexShape indexShape(DatabaseTable table, String index) throws SQLException {
        IndexShape shape = new IndexShape();
        try (PreparedStatement ps = connection.prepareStatement("SELECT INDEX_TYPE, COLUMN_NAME, SUB_PART FROM"
                + " information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = ?")) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            ps.setString(3, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shape.type = rs.getString(1);
                    if (rs.getString(2) != null && rs.getObject(3) != null) {
                        shape.prefixes.put(rs.getString(2).toLowerCase(Locale.ROOT), "(" + rs.getInt(3) + ")");
                    }
                }
            }
        }
        return shape;
    }

    /** Whether the MySQL/MariaDB table is partitioned. */
    private boolean partitioned(DatabaseTable table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.PARTITIONS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL")) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /** Whether the column exists and is generated (true), exists and is not (false), or does not exist (null). */
    private Boolean generatedColumn(DatabaseTable table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GENERATION_EXPRESSION FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String expression = rs.getString(1);
                return expression != null && !expression.isBlank();
            }
        }
    }
}
