package dev.softdelete.jdbc.execute;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import dev.softdelete.jdbc.rewrite.catalog.UnquotedNames;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@link Catalog} of a database for a configuration, with a few catalog queries on a connection of the
 * database's own driver. Table names in the catalog are matched against the configuration ignoring case. An
 * unqualified configured name stands for the table of that name in the schemas the session finds tables in at
 * connect (PostgreSQL's search path, MySQL's default database; on H2 every schema) and those the configuration
 * names: a same-named table elsewhere (an archive schema's copy) is another table, whose foreign keys must not act
 * on this one's deletes. The engine refuses a DELETE that names a configured table in a schema not read (see
 * {@link Catalog#describes}).
 */
public final class CatalogReader {
    private final Connection connection;
    private final Dialect dialect;
    private final SoftDeleteConfig config;
    /** The schemas an unqualified configured name is looked up in (lower case); null: every schema. */
    private Set<String> schemas;
    /** The partitioned tables among the ancestors {@link #postgresInheritance} found. */
    private final Set<TableName> partitioned = new HashSet<>();

    private CatalogReader(Connection connection, Dialect dialect, SoftDeleteConfig config) {
        this.connection = connection;
        this.dialect = dialect;
        this.config = config;
    }

    /**
     * The schemas the session of {@code connection} finds unqualified tables in: PostgreSQL's search path (without
     * the implicit ones), after the database and server it is connected to; MySQL's default database (none when it
     * has none); null on other databases. H2 is read in every schema: its search path (SCHEMA_SEARCH_PATH) cannot be
     * read back, and a catalog of its current schema alone would miss the keys of the tables the search path finds.
     * The catalog is read for these, so connections that differ in them need catalogs of their own.
     */
    public static List<String> sessionSchemas(Connection connection, Dialect dialect) throws SQLException {
        // PostgreSQL: the database and server first, which the URL may not name (PGDBNAME, a URL with no database)
        String sql = dialect == Dialect.POSTGRESQL ? "SELECT 0, 'database ' || current_database() || ' on '"
                + " || coalesce(host(inet_server_addr()), 'a local socket') || ':'"
                + " || coalesce(inet_server_port(), 0), 0"
                + " UNION ALL SELECT 1, s, n FROM unnest(current_schemas(false)) WITH ORDINALITY AS u (s, n)"
                + " ORDER BY 1, 3"
                : dialect.isMySqlFamily() ? "SELECT 1, DATABASE()" : null;
        if (sql == null) {
            return null;
        }
        List<String> result = new ArrayList<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getString(2) != null) {
                    result.add(rs.getString(2));
                }
            }
        }
        return result;
    }

    /** How the database of {@code connection} folds names written without quotes (H2: as its settings say). */
    public static UnquotedNames.Folding folding(Connection connection, Dialect dialect) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return UnquotedNames.Folding.LOWER;
        }
        if (dialect != Dialect.H2) {
            return UnquotedNames.Folding.NONE;
        }
        Map<String, String> settings = new HashMap<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery("SELECT SETTING_NAME,"
                + " SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN"
                + " ('CASE_INSENSITIVE_IDENTIFIERS', 'DATABASE_TO_UPPER', 'DATABASE_TO_LOWER')")) {
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
        }
        return "TRUE".equalsIgnoreCase(settings.get("CASE_INSENSITIVE_IDENTIFIERS")) ? UnquotedNames.Folding.NONE
                : "TRUE".equalsIgnoreCase(settings.get("DATABASE_TO_UPPER")) ? UnquotedNames.Folding.UPPER
                : "TRUE".equalsIgnoreCase(settings.get("DATABASE_TO_LOWER")) ? UnquotedNames.Folding.LOWER
                : UnquotedNames.Folding.NONE;
    }

    /** Reads what {@code config} needs to know about the database {@code connection} is connected to. */
    public static Catalog read(Connection connection, Dialect dialect, SoftDeleteConfig config)
            throws SQLException {
        return new CatalogReader(connection, dialect, config).read();
    }

    /**
     * Refuses (SQLState SD000) a configuration that names a PostgreSQL table by a name that needs quotes: one that
     * exists only as written, with capitals (or a schema so), not folded to lower case. The driver writes the names
     * in its own statements (cascade steps, foreign-key checks, restores, purge) as the configuration has them,
     * unquoted, where PostgreSQL folds them: they would reach no table, and the catalog, read by folded names,
     * would miss the table's partitions and foreign keys (its cascades unfollowed). A connection that half applies
     * the configuration is never opened.
     */
    public static void refuseNamesThatNeedQuotes(Connection connection, Dialect dialect, SoftDeleteConfig config)
            throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        String sql = "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relname = ? AND (CAST(? AS TEXT) IS NULL OR n.nspname = ?))";
        try (PreparedStatement ps = unlimited(connection.prepareStatement(sql))) {
            for (TableConfig t : config.tables()) {
                String table = t.name().table();
                String schema = t.name().schema();
                boolean capitals = !table.equals(table.toLowerCase(Locale.ROOT))
                        || (schema != null && !schema.equals(schema.toLowerCase(Locale.ROOT)));
                String foldedSchema = schema == null ? null : schema.toLowerCase(Locale.ROOT);
                if (capitals && exists(ps, table, schema, schema)
                        && !exists(ps, table.toLowerCase(Locale.ROOT), foldedSchema, foldedSchema)) {
                    throw new SQLException("soft-delete table " + t.name() + " exists only under a name that needs"
                            + " quotes in PostgreSQL (\"" + table + "\"): the driver writes table names unquoted in its"
                            + " own statements (cascades, foreign-key checks, restores, purge), where PostgreSQL folds"
                            + " them to lower case; rename the table to lower case (ALTER TABLE \"" + table
                            + "\" RENAME TO " + table.toLowerCase(Locale.ROOT) + ") and configure it so",
                            SoftDeleteDriver.CONFIGURATION_ERROR);
                }
            }
        }
    }

    /**
     * Refuses (SQLState SD000) a configuration the driver cannot apply with {@code catalog} as read: a table or
     * column name that needs quotes ({@link #refuseNamesThatNeedQuotes}, {@link #refuseColumnsThatNeedQuotes}), a key
     * not matched by value
     * ({@link #refuseKeysNotMatchedByValue}), a table or column named by a reserved word. The driver does this
     * before it opens a connection; {@code softdelete-cli check} reports it.
     */
    public static void refuseUnusable(Connection connection, Dialect dialect, SoftDeleteConfig config,
            Catalog catalog) throws SQLException {
        refuseNamesThatNeedQuotes(connection, dialect, config);
        refuseColumnsThatNeedQuotes(connection, dialect, config);
        refuseKeysNotMatchedByValue(connection, dialect, catalog);
        refuseSelfStampingTimestamps(config, catalog);
        Dialect server = dialect == Dialect.MYSQL && connection.getMetaData().getDatabaseProductVersion()
                .toLowerCase(Locale.ROOT).contains("mariadb") ? Dialect.MARIADB : dialect;
        String reserved = UnquotedNames.firstNeedingQuotes(config, catalog, server, folding(connection, dialect));
        if (reserved != null) {
            throw new SQLException("softdelete-jdbc: the " + reserved + " is a reserved word or needs quotes in "
                    + server.name().toLowerCase(Locale.ROOT) + ", and the driver writes names unquoted in its own"
                    + " statements (cascades, foreign-key checks, restores, purge), where the database would read"
                    + " it as something else (user is the current user in PostgreSQL) or fail; rename it",
                    SoftDeleteDriver.CONFIGURATION_ERROR);
        }
    }

    /**
     * Refuses (SQLState SD000) a table without a flag whose timestamp column the database sets on every UPDATE
     * (MySQL/MariaDB {@code ON UPDATE CURRENT_TIMESTAMP}): there a non-NULL timestamp is what marks a row deleted, so
     * any UPDATE of a live row would delete it, without an event or cascade (a probe's edit hid the row).
     */
    static void refuseSelfStampingTimestamps(SoftDeleteConfig config, Catalog catalog) throws SQLException {
        for (TableConfig t : config.tables()) {
            if (t.flagColumn() == null && t.timestampColumn() != null && catalog.autoUpdatedColumns(t.name()).stream()
                    .anyMatch(c -> c.equalsIgnoreCase(t.timestampColumn()))) {
                throw new SQLException("softdelete-jdbc: the timestamp column " + t.name() + "." + t.timestampColumn()
                        + " is set by the database on every UPDATE (ON UPDATE CURRENT_TIMESTAMP), and the table has no"
                        + " flag column: every update of a live row would mark it deleted; drop the ON UPDATE clause,"
                        + " or configure a flag column", SoftDeleteDriver.CONFIGURATION_ERROR);
            }
        }
    }

    /**
     * Refuses (SQLState SD000), on MySQL/MariaDB, a foreign key the driver follows whose referenced columns are
     * FLOAT, REAL or BIT: the driver reads the keys of the parents an event deleted and matches children by those
     * values, and such a value does not come back equal (1.1 read as a float is not the stored FLOAT; BIT comes
     * back as bytes or a boolean). The cascade, RESTRICT check or SET NULL would miss the children.
     */
    public static void refuseKeysNotMatchedByValue(Connection connection, Dialect dialect, Catalog catalog)
            throws SQLException {
        if (!dialect.isMySqlFamily()) {
            return;
        }
        List<ForeignKey> followed = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent != null || catalog.isPartitionedAncestor(fk.parent)) {
                followed.add(fk);
            }
        }
        if (followed.isEmpty()) {
            return;
        }
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE DATA_TYPE IN ('float', 'real', 'bit')" + Dialect.MYSQL.allRows();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                for (ForeignKey fk : followed) {
                    boolean table = fk.parent.table().equalsIgnoreCase(rs.getString(2)) && (fk.parent.schema() == null
                            || fk.parent.schema().equalsIgnoreCase(rs.getString(1)));
                    if (table && fk.parentColumns.stream().anyMatch(rs.getString(3)::equalsIgnoreCase)) {
                        throw new SQLException("softdelete-jdbc: foreign key " + fk.name + " of " + fk.child + " into "
                                + fk.parent + " references column " + rs.getString(3) + " of type "
                                + rs.getString(4).toUpperCase(Locale.ROOT) + ", whose values the driver cannot carry"
                                + " from the deleted parents to their children exactly (it matches children by the"
                                + " parents' key values): its cascade, RESTRICT check or SET NULL would miss them;"
                                + " change the key's type, or leave its tables out of softdelete.yml",
                                SoftDeleteDriver.CONFIGURATION_ERROR);
                    }
                }
            }
        }
    }

    /**
     * Refuses (SQLState SD000), on PostgreSQL, a soft-delete column of the configuration (flag, timestamp, batch,
     * actor) that exists only under a name that needs quotes ({@code "DeletedAt"}): the driver writes it unquoted,
     * PostgreSQL folds it, and every statement on the table would fail with 42703.
     */
    static void refuseColumnsThatNeedQuotes(Connection connection, Dialect dialect, SoftDeleteConfig config)
            throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        String sql = "SELECT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ? AND a.attname = ?"
                + " AND NOT a.attisdropped AND (CAST(? AS TEXT) IS NULL OR n.nspname = ?))";
        try (PreparedStatement ps = unlimited(connection.prepareStatement(sql))) {
            for (TableConfig t : config.tables()) {
                String table = t.name().table().toLowerCase(Locale.ROOT);
                String schema = t.name().schema() == null ? null : t.name().schema().toLowerCase(Locale.ROOT);
                for (String column : new String[] {t.flagColumn(), t.timestampColumn(), t.batchColumn(),
                    t.actorColumn()}) {
                    if (column != null && !column.equals(column.toLowerCase(Locale.ROOT))
                            && exists(ps, table, column, schema, schema)
                            && !exists(ps, table, column.toLowerCase(Locale.ROOT), schema, schema)) {
                        throw new SQLException("column " + column + " of soft-delete table " + t.name() + " exists"
                                + " only under a name that needs quotes in PostgreSQL (\"" + column + "\"): the driver"
                                + " writes column names unquoted, where PostgreSQL folds them to lower case; rename"
                                + " the column to lower case and configure it so", SoftDeleteDriver.CONFIGURATION_ERROR);
                    }
                }
            }
        }
    }

    /** The answer of {@code ps}, a {@code SELECT EXISTS (...)}, to {@code values} in the order of its markers. */
    private static boolean exists(PreparedStatement ps, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setString(i + 1, values[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private Catalog read() throws SQLException {
        if (dialect == Dialect.GENERIC) {
            return Catalog.EMPTY; // no delete events there, so nothing a catalog would tell could be acted on
        }
        schemas = readSchemas();
        List<TableName[]> inheritance = dialect == Dialect.POSTGRESQL ? postgresInheritance() : List.of();
        Map<TableName, TableName> descendants = descendants(inheritance);
        Map<TableName, List<String>> autoUpdated = dialect.isMySqlFamily() ? mysqlAutoUpdatedColumns() : Map.of();
        Map<TableName, Set<TableName>> partitionedAncestors = partitionedPlainAncestors(inheritance, descendants);
        Set<TableName> referencedAncestors = new HashSet<>();
        partitionedAncestors.values().forEach(referencedAncestors::addAll);
        // plain tables that others inherit from: a key declared on one holds its own rows only (PostgreSQL)
        Set<TableName> inherited = new HashSet<>();
        for (TableName[] pair : inheritance) {
            if (!partitioned.contains(pair[1])) {
                inherited.add(pair[1]);
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (ForeignKey fk : foreignKeys()) {
            TableName child = configuredName(fk.child, descendants);
            TableName parent = configuredName(fk.parent, descendants);
            if (child != null || parent != null || referencedAncestors.contains(fk.parent)) {
                ForeignKey configured = fk.configured(child, parent);
                configured = inherited.contains(fk.child) ? configured.ofChildRowsOnly() : configured;
                keys.add(inherited.contains(fk.parent) ? configured.ofParentRowsOnly() : configured);
            }
        }
        List<UniqueKey> unique = dialect == Dialect.POSTGRESQL ? postgresUniqueKeys()
                : dialect.isMySqlFamily() ? mysqlUniqueKeys() : List.of();
        Set<TableName> unreadDescendants = unreadDescendants(inheritance, descendants);
        Catalog catalog = new Catalog(descendants, plainAncestors(inheritance, descendants, unreadDescendants),
                autoUpdated, keys, unique).withInheritance(configuredDescendants(inheritance), partitionedAncestors,
                        storedNames(inheritance, descendants))
                .withCoarseTimestamps(coarseTimestamps()).withUnreadInheritance(asReached(unreadDescendants))
                .withHiddenColumns(hiddenColumns());
        return schemas == null ? catalog : catalog.readIn(schemas);
    }

    /**
     * The schemas of the session's search path (PostgreSQL) or its default database (MySQL/MariaDB, none when it has
     * none), and those the configuration names; null elsewhere (H2: every schema).
     */
    private Set<String> readSchemas() throws SQLException {
        List<String> session = sessionSchemas(connection, dialect);
        if (session == null) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        session.forEach(name -> result.add(name.toLowerCase(Locale.ROOT)));
        for (TableConfig t : config.tables()) {
            if (t.name().schema() != null) {
                result.add(t.name().schema().toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    /**
     * Unique indexes of configured tables in the search path (or a schema the configuration names), by their key
     * columns ({@code INCLUDE} columns are not compared); aware when partial on the table's live rows. Exclusion
     * constraints too, which an upsert's {@code ON CONFLICT DO NOTHING} checks alike (a probe). A table of
     * the same name in another schema is another table: its keys must not make an upsert look safe.
     */
    private List<UniqueKey> postgresUniqueKeys() throws SQLException {
        String sql = "SELECT n.nspname, c.relname, ic.relname, i.indisprimary, pg_get_expr(i.indpred, i.indrelid),"
                + " ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(num, pos) JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = k.num WHERE k.pos <= i.indnkeyatts"
                + " ORDER BY k.pos)::text[], i.indexprs IS NOT NULL, i.indisexclusion, NOT i.indimmediate"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE (i.indisunique OR i.indisexclusion) AND (n.nspname = ANY (current_schemas(false))"
                + schemasOfConfig().replace("TABLE_SCHEMA", "n.nspname") + ")"
                + " ORDER BY n.nspname, c.relname, ic.relname";
        List<UniqueKey> result = new ArrayList<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                TableName table = configuredName(rs.getString(1), rs.getString(2));
                if (table == null) {
                    continue;
                }
                String predicate = rs.getString(5);
                boolean exclusion = rs.getBoolean(8);
                List<String> columns = rs.getBoolean(7) || exclusion ? List.of() : strings(rs, 6);
                UniqueKey key = new UniqueKey(table, rs.getString(3), columns, rs.getBoolean(4),
                        !exclusion && livePredicate(table, predicate), predicate, exclusion);
                result.add(rs.getBoolean(9) ? key.deferrable() : key);
            }
        }
        return result;
    }

    /**
     * Whether a partial index's predicate is exactly "the row is live" for {@code table}: {@code NOT is_deleted},
     * {@code is_deleted = false}, {@code deleted_at IS NULL}, as PostgreSQL prints them.
     */
    private boolean livePredicate(TableName table, String predicate) {
        if (predicate == null) {
            return false;
        }
        TableConfig t = config(table);
        String p = predicate.toLowerCase(Locale.ROOT).replaceAll("[()\\s\"]", "");
        if (t.flagColumn() != null) {
            String f = t.flagColumn().toLowerCase(Locale.ROOT);
            return p.equals("not" + f) || p.equals(f + "=false") || p.equals(f + "=0") || p.equals(f + "<>true")
                    || p.equals(f + "isfalse");
        }
        return p.equals(t.timestampColumn().toLowerCase(Locale.ROOT) + "isnull");
    }

    private TableConfig config(TableName name) {
        for (TableConfig t : config.tables()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("not configured: " + name);
    }

    /** Unique indexes of configured tables; aware when a column is generated NULL for deleted rows. */
    private List<UniqueKey> mysqlUniqueKeys() throws SQLException {
        String sql = "SELECT s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME, s.COLUMN_NAME, c.GENERATION_EXPRESSION"
                + " FROM information_schema.STATISTICS s LEFT JOIN information_schema.COLUMNS c"
                + " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME"
                + " WHERE s.NON_UNIQUE = 0 AND (s.TABLE_SCHEMA = DATABASE()" + schemasOfConfig().replace(
                        "TABLE_SCHEMA", "s.TABLE_SCHEMA") + ")"
                + " ORDER BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX" + dialect.allRows();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, TableName> tables = new HashMap<>();
        Map<String, Boolean> aware = new HashMap<>();
        Set<String> overGenerated = new HashSet<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                TableName table = configuredName(rs.getString(1), rs.getString(2));
                if (table == null || rs.getString(4) == null) {
                    continue;
                }
                String key = rs.getString(1) + '.' + rs.getString(2) + '.' + rs.getString(3);
                tables.put(key, table);
                columns.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(4));
                aware.merge(key, nullForDeleted(table, rs.getString(5)), Boolean::logicalOr);
                if (rs.getString(5) != null && !rs.getString(5).isBlank()) {
                    overGenerated.add(key);
                }
            }
        }
        List<UniqueKey> result = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : columns.entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            boolean isAware = aware.get(e.getKey());
            // a key that holds deleted rows over a generated column (email_norm AS (LOWER(email))) changes with the
            // columns it is computed from, which are not read: taken as a key over expressions, which any write may
            // change (a probe's UPDATE IGNORE of email was not refused, and skipped a row silently)
            List<String> keyColumns = !isAware && overGenerated.contains(e.getKey()) ? List.of() : e.getValue();
            result.add(new UniqueKey(tables.get(e.getKey()), name, keyColumns, "PRIMARY".equals(name), isAware,
                    null));
        }
        return result;
    }

    /**
     * Whether a generated column's expression is NULL for the table's deleted rows: it tests the soft-delete column
     * and yields NULL, as {@code IF(is_deleted, NULL, email)} or {@code CASE WHEN deleted_at IS NULL THEN email END}.
     */
    private boolean nullForDeleted(TableName table, String expression) {
        if (expression == null || expression.isBlank()) {
            return false;
        }
        TableConfig t = config(table);
        String e = expression.toLowerCase(Locale.ROOT).replace("`", "");
        String column = (t.flagColumn() != null ? t.flagColumn() : t.timestampColumn()).toLowerCase(Locale.ROOT);
        return e.contains(column) && (e.contains("null") || e.startsWith("case"));
    }

    /**
     * The configured table {@code schema.table} (as the catalog stores it) stands for, or null. On PostgreSQL a
     * configured name is an unquoted identifier, which the catalog stores folded to lower case: {@code "Orders"} is
     * another table. MySQL/MariaDB compare ignoring case (table names are case-sensitive on some servers, so the
     * driver assumes the worst, as it does for names in SQL).
     */
    private TableName configuredName(String schema, String table) {
        for (TableConfig t : config.tables()) {
            if (sameName(t.name().table(), table) && (schema == null || (t.name().schema() == null
                    ? schemas == null || schemas.contains(schema.toLowerCase(Locale.ROOT))
                    : sameName(t.name().schema(), schema)))) {
                return t.name();
            }
        }
        return null;
    }

    private boolean sameName(String configured, String stored) {
        return dialect == Dialect.POSTGRESQL ? configured.toLowerCase(Locale.ROOT).equals(stored)
                : configured.equalsIgnoreCase(stored);
    }

    /** How the configuration (or, for a descendant, the catalog) names the table {@code name}; null when plain. */
    private TableName configuredName(TableName name, Map<TableName, TableName> descendants) {
        TableName configured = configuredName(name.schema(), name.table());
        return configured != null ? configured : descendants.containsKey(name) ? name : null;
    }

    /**
     * Every pair of a table and a table it inherits from or partitions, at any depth (PostgreSQL): {child, ancestor},
     * nearest ancestors first.
     */
    private List<TableName[]> postgresInheritance() throws SQLException {
        String sql = "WITH RECURSIVE tree(child, ancestor, depth) AS ("
                + " SELECT inhrelid, inhparent, 1 FROM pg_inherits"
                + " UNION ALL SELECT i.inhrelid, t.ancestor, t.depth + 1 FROM pg_inherits i"
                + " JOIN tree t ON i.inhparent = t.child WHERE t.depth < 32)"
                + " SELECT cn.nspname, c.relname, an.nspname, a.relname, tree.depth, a.relkind = 'p' FROM tree"
                + " JOIN pg_class c ON c.oid = tree.child JOIN pg_namespace cn ON cn.oid = c.relnamespace"
                + " JOIN pg_class a ON a.oid = tree.ancestor JOIN pg_namespace an ON an.oid = a.relnamespace"
                + " ORDER BY tree.depth";
        List<TableName[]> result = new ArrayList<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                TableName ancestor = new TableName(rs.getString(3), rs.getString(4));
                result.add(new TableName[] {new TableName(rs.getString(1), rs.getString(2)), ancestor});
                if (rs.getBoolean(6)) {
                    partitioned.add(ancestor);
                }
            }
        }
        return result;
    }

    /** Every table inheriting from, or partitioning, a configured table, with its nearest configured ancestor. */
    private Map<TableName, TableName> descendants(List<TableName[]> inheritance) {
        Map<TableName, TableName> result = new LinkedHashMap<>();
        for (TableName[] pair : inheritance) {
            TableName child = pair[0];
            TableName ancestor = configuredName(pair[1].schema(), pair[1].table());
            if (ancestor != null && configuredName(child.schema(), child.table()) == null) {
                result.putIfAbsent(child, ancestor); // nearest first: ordered by depth
            }
        }
        return result;
    }

    /**
     * Per configured table (or descendant), the plain partitioned tables it is a partition of, at any depth: a key
     * into one of those references the partition's rows too.
     */
    private Map<TableName, Set<TableName>> partitionedPlainAncestors(List<TableName[]> inheritance,
            Map<TableName, TableName> descendants) {
        Map<TableName, Set<TableName>> result = new LinkedHashMap<>();
        for (TableName[] pair : inheritance) {
            TableName child = configuredName(pair[0], descendants);
            if (child != null && partitioned.contains(pair[1]) && configuredName(pair[1], descendants) == null) {
                result.computeIfAbsent(child, k -> new LinkedHashSet<>()).add(pair[1]);
            }
        }
        return result;
    }

    /** Per configured table (or descendant) in an inheritance tree, its name as stored (with its schema). */
    private Map<TableName, TableName> storedNames(List<TableName[]> inheritance, Map<TableName, TableName> descendants) {
        Map<TableName, TableName> result = new LinkedHashMap<>();
        for (TableName[] pair : inheritance) {
            for (TableName stored : pair) {
                TableName configured = configuredName(stored, descendants);
                if (configured != null) {
                    result.putIfAbsent(configured, stored);
                }
            }
        }
        return result;
    }

    /** Each configured table that inherits from or partitions another configured one, with the nearest of those. */
    private Map<TableName, TableName> configuredDescendants(List<TableName[]> inheritance) {
        Map<TableName, TableName> result = new LinkedHashMap<>();
        for (TableName[] pair : inheritance) {
            TableName child = configuredName(pair[0].schema(), pair[0].table());
            TableName ancestor = configuredName(pair[1].schema(), pair[1].table());
            if (child != null && ancestor != null && !child.equals(ancestor)) {
                result.putIfAbsent(child, ancestor); // nearest first: ordered by depth
            }
        }
        return result;
    }

    /**
     * The tables, neither configured nor descendants of one, that a configured table or descendant descends from; and
     * likewise, in schemas not read, those that a table named like a configured one, or one of its descendants,
     * descends from (their rows include rows the configuration covers, as those of the read schemas' do).
     */
    private Set<TableName> plainAncestors(List<TableName[]> inheritance, Map<TableName, TableName> descendants,
            Set<TableName> unreadDescendants) {
        Set<TableName> result = new LinkedHashSet<>();
        for (TableName[] pair : inheritance) {
            boolean configuredChild = configuredName(pair[0], descendants) != null
                    || configuredInUnreadSchema(pair[0]) || unreadDescendants.contains(pair[0]);
            if (configuredChild && configuredName(pair[1], descendants) == null && !configuredInUnreadSchema(pair[1])
                    && !unreadDescendants.contains(pair[1])) {
                result.add(pair[1]);
            }
        }
        return result;
    }

    /**
     * Whether {@code name} is in a schema the catalog is not read for (see {@link #readSchemas}) and a configured name
     * without a schema names it: the driver filters its rows by that name, but knows neither its partitions nor its
     * keys.
     */
    private boolean configuredInUnreadSchema(TableName name) {
        if (schemas == null || name.schema() == null || schemas.contains(name.schema().toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (TableConfig t : config.tables()) {
            if (t.name().schema() == null && sameName(t.name().table(), name.table())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tables that inherit from or partition, at any depth, a table that {@link #configuredInUnreadSchema}, and
     * that are neither configured nor descendants the catalog knows: rows of the configuration's tables, under names
     * the driver would not recognise (PostgreSQL).
     */
    private Set<TableName> unreadDescendants(List<TableName[]> inheritance, Map<TableName, TableName> descendants) {
        Set<TableName> result = new LinkedHashSet<>();
        for (TableName[] pair : inheritance) {
            TableName child = pair[0];
            if (configuredInUnreadSchema(pair[1]) && !descendants.containsKey(child)
                    && configuredName(child.schema(), child.table()) == null && !configuredInUnreadSchema(child)) {
                result.add(child);
            }
        }
        return result;
    }

    /**
     * {@code tables} as statements reach them: those in a read schema also unqualified (the name alone then denotes
     * them), those in another schema only with it.
     */
    private Set<TableName> asReached(Set<TableName> tables) {
        Set<TableName> result = new LinkedHashSet<>();
        for (TableName t : tables) {
            boolean read = schemas == null || schemas.contains(t.schema().toLowerCase(Locale.ROOT));
            result.add(read ? new TableName(null, t.table()) : t);
        }
        return result;
    }

    /**
     * MySQL/MariaDB columns with {@code ON UPDATE CURRENT_TIMESTAMP}, per configured table, and per other table as
     * its foreign keys name it: the driver's SET NULL of a plain child's key sets them to themselves, as InnoDB's own
     * SET NULL leaves them.
     */
    private Map<TableName, List<String>> mysqlAutoUpdatedColumns() throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE (TABLE_SCHEMA = DATABASE()" + schemasOfConfig() + ")"
                + " AND LOWER(EXTRA) LIKE '%on update%' ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"
                + dialect.allRows();
        Map<TableName, List<String>> result = new HashMap<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                TableName name = configuredName(rs.getString(1), rs.getString(2));
                result.computeIfAbsent(name != null ? name : new TableName(rs.getString(1), rs.getString(2)),
                        k -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        return result;
    }

    /**
     * The configured tables whose timestamp column holds less than microseconds (information_schema's
     * DATETIME_PRECISION, which PostgreSQL, MySQL/MariaDB and H2 all give): MariaDB's plain {@code DATETIME},
     * {@code TIMESTAMP(0)}.
     */
    private Set<TableName> coarseTimestamps() throws SQLException {
        Map<String, List<TableConfig>> byColumn = new HashMap<>();
        for (TableConfig t : config.tables()) {
            if (t.timestampColumn() != null) {
                byColumn.computeIfAbsent(t.timestampColumn().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
            }
        }
        Set<TableName> result = new HashSet<>();
        if (byColumn.isEmpty()) {
            return result;
        }
        // upper case: H2 with DATABASE_TO_UPPER=FALSE knows only INFORMATION_SCHEMA. A precision of NULL is a column
        // that is no timestamp at all (MariaDB's DATE, a BIGINT): as coarse, or worse (a probe's cascades matched
        // nothing by it, silently); only the configured timestamp columns' names are asked, the names being plain
        String names = String.join(", ", byColumn.keySet().stream().map(n -> "'" + n.replace("'", "''") + "'")
                .toArray(String[]::new));
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE (DATETIME_PRECISION < 6 OR DATETIME_PRECISION IS NULL) AND LOWER(COLUMN_NAME) IN (" + names
                + ")";
        if (dialect == Dialect.H2) {
            return h2CoarseTimestamps(sql + " AND TABLE_NAME = ?", byColumn);
        }
        try (Statement st = unlimited(connection.createStatement());
             ResultSet rs = st.executeQuery(sql + dialect.allRows())) {
            addCoarse(rs, byColumn, result);
        }
        return result;
    }

    /**
     * {@link #coarseTimestamps()} on H2, one configured table (in each spelling H2 may store it) at a time: H2 2.3
     * fails a read of {@code INFORMATION_SCHEMA.COLUMNS} without {@code TABLE_NAME = ...} with a
     * NullPointerException once the database holds a materialized view, which made every connection fail.
     */
    private Set<TableName> h2CoarseTimestamps(String sql, Map<String, List<TableConfig>> byColumn)
            throws SQLException {
        Set<TableName> result = new HashSet<>();
        try (PreparedStatement ps = unlimited(connection.prepareStatement(sql))) {
            for (TableConfig t : config.tables()) {
                if (t.timestampColumn() == null) {
                    continue;
                }
                String table = t.name().table();
                for (String spelling : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT),
                        table.toLowerCase(Locale.ROOT)))) {
                    ps.setString(1, spelling);
                    try (ResultSet rs = ps.executeQuery()) {
                        addCoarse(rs, byColumn, result);
                    }
                }
            }
        }
        return result;
    }

    /**
     * Per configured table, the columns {@code SELECT *} does not give ({@link Catalog#withHiddenColumns}): on
     * MySQL/MariaDB the {@code INVISIBLE} ones and a system-versioned table's implicit {@code ROW_START} and
     * {@code ROW_END}, which information_schema does not list; on H2 the invisible ones. PostgreSQL has none.
     */
    private Map<TableName, Set<String>> hiddenColumns() throws SQLException {
        Map<TableName, Set<String>> result = new HashMap<>();
        if (dialect.isMySqlFamily()) {
            try (Statement st = unlimited(connection.createStatement())) {
                try (ResultSet rs = st.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM"
                        + " INFORMATION_SCHEMA.COLUMNS WHERE EXTRA LIKE '%INVISIBLE%'" + dialect.allRows())) {
                    addHidden(rs, result);
                }
                try (ResultSet rs = st.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, 'row_start' FROM"
                        + " INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'SYSTEM VERSIONED' UNION ALL SELECT"
                        + " TABLE_SCHEMA, TABLE_NAME, 'row_end' FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE ="
                        + " 'SYSTEM VERSIONED'" + dialect.allRows())) {
                    addHidden(rs, result);
                }
            }
        } else if (dialect == Dialect.H2) {
            // one table at a time, as h2CoarseTimestamps reads (H2 2.3 fails the whole read once a materialized
            // view exists)
            try (PreparedStatement ps = unlimited(connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME,"
                    + " COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_VISIBLE = FALSE AND TABLE_NAME = ?"))) {
                for (TableConfig t : config.tables()) {
                    String table = t.name().table();
                    for (String spelling : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT),
                            table.toLowerCase(Locale.ROOT)))) {
                        ps.setString(1, spelling);
                        try (ResultSet rs = ps.executeQuery()) {
                            addHidden(rs, result);
                        }
                    }
                }
            }
        }
        return result;
    }

    private void addHidden(ResultSet rs, Map<TableName, Set<String>> result) throws SQLException {
        while (rs.next()) {
            TableName name = configuredName(rs.getString(1), rs.getString(2));
            if (name != null) {
                result.computeIfAbsent(name, k -> new HashSet<>()).add(rs.getString(3));
            }
        }
    }

    /** Adds the configured tables of {@code rs}'s rows (schema, table, column) whose row is their timestamp column. */
    private void addCoarse(ResultSet rs, Map<String, List<TableConfig>> byColumn, Set<TableName> result)
            throws SQLException {
        while (rs.next()) {
            TableName name = configuredName(rs.getString(1), rs.getString(2));
            List<TableConfig> withColumn = byColumn.get(rs.getString(3).toLowerCase(Locale.ROOT));
            if (name != null && withColumn != null && withColumn.stream().anyMatch(t -> t.name().equals(name))) {
                result.add(name);
            }
        }
    }

    /** {@code OR TABLE_SCHEMA IN ('a', 'b')} for the schemas named in the configuration, or nothing. */
    private String schemasOfConfig() {
        List<String> schemas = new ArrayList<>();
        for (TableConfig t : config.tables()) {
            if (t.name().schema() != null) {
                schemas.add("'" + t.name().schema().replace("'", "''") + "'");
            }
        }
        return schemas.isEmpty() ? "" : " OR TABLE_SCHEMA IN (" + String.join(", ", schemas) + ")";
    }

    private List<ForeignKey> foreignKeys() throws SQLException {
        switch (dialect) {
            case POSTGRESQL:
                return postgresForeignKeys();
            case MYSQL:
            case MARIADB:
                return mysqlForeignKeys();
            default:
                return metadataForeignKeys();
        }
    }

    /** Top-level constraints only: a partitioned table's foreign key is repeated on each partition. */
    private List<ForeignKey> postgresForeignKeys() throws SQLException {
        String columns = "ARRAY(SELECT a.attname FROM unnest(%s) WITH ORDINALITY k(num, pos)"
                + " JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.num ORDER BY k.pos)::text[]";
        // PostgreSQL 15 lets ON DELETE SET NULL / SET DEFAULT name the columns it sets (confdelsetcols)
        String setColumns = serverVersion() >= 150000 ? String.format(columns, "con.confdelsetcols", "con.conrelid")
                : "ARRAY[]::text[]";
        String sql = "SELECT con.conname, cn.nspname, c.relname, pn.nspname, p.relname, con.confdeltype, "
                + String.format(columns, "con.conkey", "con.conrelid") + ", "
                + String.format(columns, "con.confkey", "con.confrelid") + ", " + setColumns + ", con.confupdtype"
                + " FROM pg_constraint con"
                + " JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace"
                + " JOIN pg_class p ON p.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " WHERE con.contype = 'f' AND con.conparentid = 0 ORDER BY cn.nspname, c.relname, con.conname";
        List<ForeignKey> result = new ArrayList<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(new ForeignKey(rs.getString(1), new TableName(rs.getString(2), rs.getString(3)),
                        strings(rs, 7), new TableName(rs.getString(4), rs.getString(5)), strings(rs, 8),
                        postgresAction(rs.getString(6))).settingOnly(strings(rs, 9))
                        .actingOnUpdate(changesChildren(postgresAction(rs.getString(10)))));
            }
        }
        return result;
    }

    /** PostgreSQL's server_version_num. */
    private int serverVersion() throws SQLException {
        try (Statement st = unlimited(connection.createStatement());
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

    private static ForeignKey.OnDelete postgresAction(String code) {
        switch (code) {
            case "c":
                return ForeignKey.OnDelete.CASCADE;
            case "r":
                return ForeignKey.OnDelete.RESTRICT;
            case "n":
                return ForeignKey.OnDelete.SET_NULL;
            case "d":
                return ForeignKey.OnDelete.SET_DEFAULT;
            default:
                return ForeignKey.OnDelete.NO_ACTION;
        }
    }

    private List<ForeignKey> mysqlForeignKeys() throws SQLException {
        String sql = "SELECT rc.CONSTRAINT_NAME, k.TABLE_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME,"
                + " k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, rc.DELETE_RULE,"
                + " rc.UPDATE_RULE"
                + " FROM information_schema.REFERENTIAL_CONSTRAINTS rc"
                + " JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
                + " AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND k.TABLE_NAME = rc.TABLE_NAME"
                // the keys of the read schemas' tables, and those of other databases' tables into them
                + " WHERE (rc.CONSTRAINT_SCHEMA = DATABASE()" + schemasOfConfig().replace("TABLE_SCHEMA",
                        "rc.CONSTRAINT_SCHEMA") + " OR rc.UNIQUE_CONSTRAINT_SCHEMA = DATABASE()"
                + schemasOfConfig().replace("TABLE_SCHEMA", "rc.UNIQUE_CONSTRAINT_SCHEMA") + ")"
                + " ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION" + dialect.allRows();
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        Map<String, ForeignKey.OnDelete> actions = new HashMap<>();
        Set<String> onUpdate = new HashSet<>();
        try (Statement st = unlimited(connection.createStatement()); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getString(2) + '.' + rs.getString(3) + '.' + rs.getString(1);
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7)});
                actions.put(key, standardAction(rs.getString(8)));
                if (changesChildren(standardAction(rs.getString(9)))) {
                    onUpdate.add(key);
                }
            }
        }
        return assemble(rows, actions, onUpdate);
    }

    /**
     * Foreign keys from catalog rows, one row per column pair: name, child schema, child table, child column,
     * parent schema, parent table, parent column; grouped by key, in column order.
     */
    private static List<ForeignKey> assemble(Map<String, List<String[]>> rows,
            Map<String, ForeignKey.OnDelete> actions, Set<String> actingOnUpdate) {
        List<ForeignKey> result = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : rows.entrySet()) {
            String[] first = e.getValue().get(0);
            List<String> child = new ArrayList<>();
            List<String> parent = new ArrayList<>();
            for (String[] c : e.getValue()) {
                child.add(c[3]);
                parent.add(c[6]);
            }
            result.add(new ForeignKey(first[0], new TableName(first[1], first[2]), child,
                    new TableName(first[4], first[5]), parent, actions.get(e.getKey()))
                    .actingOnUpdate(actingOnUpdate.contains(e.getKey())));
        }
        return result;
    }

    /** Whether an action (ON DELETE or ON UPDATE) changes the referencing rows. */
    private static boolean changesChildren(ForeignKey.OnDelete action) {
        return action == ForeignKey.OnDelete.CASCADE || action == ForeignKey.OnDelete.SET_NULL
                || action == ForeignKey.OnDelete.SET_DEFAULT;
    }

    private static ForeignKey.OnDelete standardAction(String rule) {
        switch (rule.toUpperCase(Locale.ROOT).replace(' ', '_')) {
            case "CASCADE":
                return ForeignKey.OnDelete.CASCADE;
            case "RESTRICT":
                return ForeignKey.OnDelete.RESTRICT;
            case "SET_NULL":
                return ForeignKey.OnDelete.SET_NULL;
            case "SET_DEFAULT":
                return ForeignKey.OnDelete.SET_DEFAULT;
            default:
                return ForeignKey.OnDelete.NO_ACTION;
        }
    }

    /** Other databases (H2): {@link DatabaseMetaData#getImportedKeys} of every table that may be configured. */
    private List<ForeignKey> metadataForeignKeys() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String[]> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"),
                    rs.getString("TABLE_NAME")});
            }
        }
        Map<String, ForeignKey.OnDelete> actions = new HashMap<>();
        Set<String> onUpdate = new HashSet<>();
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        for (String[] t : tables) {
            try (ResultSet rs = meta.getImportedKeys(t[0], t[1], t[2])) {
                while (rs.next()) {
                    String key = rs.getString("FKTABLE_SCHEM") + '.' + rs.getString("FKTABLE_NAME") + '.'
                            + rs.getString("FK_NAME");
                    rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {rs.getString("FK_NAME"),
                        rs.getString("FKTABLE_SCHEM"), rs.getString("FKTABLE_NAME"), rs.getString("FKCOLUMN_NAME"),
                        rs.getString("PKTABLE_SCHEM"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME")});
                    actions.put(key, metadataAction(rs.getShort("DELETE_RULE")));
                    if (changesChildren(metadataAction(rs.getShort("UPDATE_RULE")))) {
                        onUpdate.add(key);
                    }
                }
            }
        }
        return assemble(rows, actions, onUpdate);
    }

    private static ForeignKey.OnDelete metadataAction(short rule) {
        switch (rule) {
            case DatabaseMetaData.importedKeyCascade:
                return ForeignKey.OnDelete.CASCADE;
            case DatabaseMetaData.importedKeyRestrict:
                return ForeignKey.OnDelete.RESTRICT;
            case DatabaseMetaData.importedKeySetNull:
                return ForeignKey.OnDelete.SET_NULL;
            case DatabaseMetaData.importedKeySetDefault:
                return ForeignKey.OnDelete.SET_DEFAULT;
            default:
                return ForeignKey.OnDelete.NO_ACTION;
        }
    }

    /**
     * {@code st} without a row limit: a vendor default (Connector/J's {@code maxRows} connection property) would
     * otherwise cut the catalog short, and the driver would miss foreign keys, partitions or unique keys.
     */
    static <S extends Statement> S unlimited(S st) throws SQLException {
        st.setMaxRows(0);
        return st;
    }
}
