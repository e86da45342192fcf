package dev.softdelete.jdbc.execute;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Character key columns, and the connection character set that must carry them (MySQL/MariaDB). There the
 * cascades, foreign-key checks, SET NULL steps and restores read the keys of the rows an event deleted and bind them
 * again, so each key goes through the connection's character set twice. With MySQL Connector/J set to
 * {@code characterEncoding=ISO-8859-1}, a probe's utf8mb4 keys {@code 'ж'} and {@code '😀'} came back as {@code '?'}:
 * their children stayed live under deleted parents, and the child of the live parent {@code '?'} was soft-deleted.
 * A connection whose character set cannot carry every character is refused where such keys exist.
 */
final class CharacterKeys {
    private static final Set<String> CHARACTER_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set");
    private static final Set<String> CARRY_ALL = Set.of("utf8mb4");

    private CharacterKeys() {
    }

    /**
     * Whether a key the driver carries from parents to children (a foreign key into a configured table, or an edge of
     * the cascade map, at either end) has a character column; false off the MySQL family.
     */
    static boolean exist(Connection connection, Dialect dialect, SoftDeleteConfig config, Catalog catalog)
            throws SQLException {
        if (!dialect.isMySqlFamily()) {
            return false;
        }
        Set<String> keyColumns = new HashSet<>();
        Set<String> schemas = new HashSet<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent != null || catalog.isPartitionedAncestor(fk.parent)) {
                add(keyColumns, schemas, fk.parent, fk.parentColumns);
                add(keyColumns, schemas, fk.child, fk.childColumns);
            }
        }
        for (TableConfig t : config.tables()) {
            for (Cascade edge : t.cascades()) {
                add(keyColumns, schemas, t.name(), edge.references());
                add(keyColumns, schemas, edge.table(), edge.columns());
            }
        }
        if (keyColumns.isEmpty()) {
            return false;
        }
        // the default database's tables (unqualified names), and those of the databases the keys name
        StringBuilder sql = new StringBuilder("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, TABLE_SCHEMA ="
                + " DATABASE() FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()");
        for (String schema : schemas) {
            sql.append(" OR TABLE_SCHEMA = '").append(schema.replace("\\", "\\\\").replace("'", "''")).append('\'');
        }
        try (Statement st = CatalogReader.unlimited(connection.createStatement());
             ResultSet rs = st.executeQuery(sql + Dialect.MYSQL.allRows())) {
            while (rs.next()) {
                if (!CHARACTER_TYPES.contains(rs.getString(4).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (keyColumns.contains(key(rs.getString(1), rs.getString(2), rs.getString(3)))
                        || rs.getBoolean(5) && keyColumns.contains(key(null, rs.getString(2), rs.getString(3)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Refuses (SQLState SD000) {@code connection} when its client or connection character set is not utf8mb4, or
     * its result character set neither utf8mb4 nor, with MySQL Connector/J, none (results as stored): a key outside
     * it would not come back as it is.
     */
    static void refuseLossy(Connection connection) throws SQLException {
        // results as stored: Connector/J decodes each column by its own character set; the MariaDB driver decodes
        // every string as UTF-8, so a probe's latin1 key 'Ã©' came back as 'é' and its cascade reached the children
        // of the live parent 'é'
        boolean decodesAsStored = connection.getMetaData().getDriverName().toLowerCase(Locale.ROOT)
                .startsWith("mysql connector");
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@character_set_client, @@character_set_results,"
                     + " @@character_set_connection")) {
            while (rs.next()) {
                // the connection's set too: a bound key is converted to it before it is compared (a probe's
                // sessionVariables=character_set_connection=latin1 turned 'ж' into '?')
                for (int i = 1; i <= 3; i++) {
                    String set = rs.getString(i);
                    // results in NULL: sent as stored, no conversion (Connector/J's default)
                    if (set == null ? i != 2 || !decodesAsStored : !CARRY_ALL.contains(set.toLowerCase(Locale.ROOT))) {
                        throw new SQLException("softdelete-jdbc: the connection's character set is " + set + ", and"
                                + " foreign keys or cascades of softdelete.yml have character columns: the driver"
                                + " carries their values from deleted parents to their children through it, and a"
                                + " character outside it would come back as another (a cascade would miss children, or"
                                + " reach a live parent's); connect with utf8mb4 (Connector/J:"
                                + " characterEncoding=UTF-8)", SoftDeleteDriver.CONFIGURATION_ERROR);
                    }
                }
            }
        }
    }

    /** MySQL's client character sets in which the second byte of a character may be a backslash (0x5C). */
    static final Set<String> BACKSLASH_HIDING = Set.of("big5", "cp932", "gbk", "sjis", "gb18030");

    /**
     * Refuses (SQLState SD000) {@code connection} when its client or connection character set is one in which the
     * second byte of a character may be a backslash or a backtick (GBK, SJIS, BIG5, CP932, GB18030): the server then
     * ends strings and quoted names elsewhere than the driver reads them, also in the values the vendor driver
     * escapes into a prepared statement's text (probes read soft-deleted rows and deleted physically so).
     */
    static void refuseBackslashHiding(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@character_set_client, @@character_set_connection")) {
            while (rs.next()) {
                for (int i = 1; i <= 2; i++) {
                    String set = rs.getString(i);
                    if (set != null && BACKSLASH_HIDING.contains(set.toLowerCase(Locale.ROOT))) {
                        throw new SQLException("softdelete-jdbc: the connection's character set is " + set + ", in"
                                + " which a character's second byte may be a backslash or a backtick: the server would"
                                + " end strings and quoted names elsewhere than softdelete-jdbc reads them; connect"
                                + " with utf8mb4", SoftDeleteDriver.CONFIGURATION_ERROR);
                    }
                }
            }
        }
    }

    private static void add(Set<String> columns, Set<String> schemas, TableName table, List<String> names) {
        if (table.schema() != null) {
            schemas.add(table.schema());
        }
        for (String name : names) {
            columns.add(key(table.schema(), table.table(), name));
        }
    }

    private static String key(String schema, String table, String column) {
        return (schema == null ? "" : schema.toLowerCase(Locale.ROOT) + ".") + table.toLowerCase(Locale.ROOT) + "."
                + column.toLowerCase(Locale.ROOT);
    }
}
