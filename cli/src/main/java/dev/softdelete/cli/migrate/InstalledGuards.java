package dev.softdelete.cli.migrate;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.integrity.GuardObject;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether each guard of {@link GuardTriggers} is installed as it would be installed now: a lock index with its
 * columns, a trigger on its table for its events with the function or body it would get. An object that is there
 * but differs (the configuration or the foreign keys changed since) is out of date. A guard trigger that no guard
 * of the configuration accounts for (its table's parents were taken out of it) is left over.
 */
public final class InstalledGuards {
    /** How an object stands in the database. */
    public enum State {
        CURRENT, MISSING, OUTDATED
    }

    /** PostgreSQL's {@code pg_trigger.tgtype} of a row trigger after INSERT or UPDATE (no BEFORE bit, 2). */
    private static final int ROW_AFTER_INSERT_OR_UPDATE = 1 | 4 | 16;

    private final Connection connection;
    private final Dialect dialect;

    public InstalledGuards(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** How {@code object} stands in the database. */
    public State state(GuardObject object) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return object.kind == GuardObject.Kind.LOCK_INDEX ? postgresIndex(object) : postgresTrigger(object);
        }
        return mysqlTrigger(object);
    }

    private State postgresIndex(GuardObject index) throws SQLException {
        String sql = "SELECT ARRAY(SELECT coalesce(a.attname, '') FROM unnest(i.indkey) WITH ORDINALITY k(num, pos)"
            + " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.pos)::text[],"
            + " i.indisunique AND i.indpred IS NULL FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE ic.relname = ? AND c.relname = ? AND n.nspname = coalesce(?, current_schema())";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, index.name);
            ps.setString(2, index.table.table());
            ps.setString(3, index.table.schema());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return State.MISSING;
                }
                String columns = String.join(", ", Arrays.asList((String[]) rs.getArray(1).getArray()));
                return rs.getBoolean(2) && columns.equalsIgnoreCase(index.definition) ? State.CURRENT
                    : State.OUTDATED;
            }
        }
    }

    private State postgresTrigger(GuardObject trigger) throws SQLException {
        // also: runs as its owner, and for every row (not only under a replica role, for some columns or WHEN)
        String sql = "SELECT p.proname, p.prosrc, t.tgtype, t.tgenabled, p.prosecdef"
            + " AND t.tgqual IS NULL AND t.tgattr::text = '' FROM pg_trigger t"
            + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_proc p ON p.oid = t.tgfoid"
            + " WHERE t.tgname = ? AND c.relname = ? AND n.nspname = coalesce(?, current_schema())";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, GuardTriggers.TRIGGER_NAME);
            ps.setString(2, trigger.table.table());
            ps.setString(3, trigger.table.schema());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return State.MISSING;
                }
                boolean same = rs.getString(1).equals(trigger.name) && rs.getString(2).equals(trigger.definition)
                    && rs.getInt(3) == ROW_AFTER_INSERT_OR_UPDATE && ("O".equals(rs.getString(4))
                    || "A".equals(rs.getString(4))) && rs.getBoolean(5);
                return same ? State.CURRENT : State.OUTDATED;
            }
        }
    }

    private State mysqlTrigger(GuardObject trigger) throws SQLException {
        String sql = "SELECT ACTION_STATEMENT, EVENT_MANIPULATION, ACTION_TIMING, EVENT_OBJECT_TABLE"
            + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = coalesce(?, DATABASE()) AND TRIGGER_NAME = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, trigger.table.schema());
            ps.setString(2, trigger.name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return State.MISSING;
                }
                boolean same = blanks(rs.getString(1)).equals(blanks(trigger.definition))
                    && rs.getString(2).equalsIgnoreCase(trigger.event) && rs.getString(3).equalsIgnoreCase("AFTER")
                    && rs.getString(4).equalsIgnoreCase(trigger.table.table());
                return same ? State.CURRENT : State.OUTDATED;
            }
        }
    }

    /**
     * The tables whose guard triggers belong to {@code config}'s neighbourhood: the configured tables and the tables
     * with a foreign key into one (lower case).
     */
    public static Set<String> scope(SoftDeleteConfig config, Catalog catalog) {
        Set<String> tables = new HashSet<>();
        for (TableConfig t : config.tables()) {
            tables.add(t.name().table().toLowerCase(Locale.ROOT));
        }
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent != null) {
                tables.add(fk.child.table().toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** A guard trigger in the database that none of the expected guards accounts for, and how to drop it. */
    public static final class LeftOver {
        public final String name;
        public final String table;
        public final List<String> drop;

        LeftOver(String name, String table, List<String> drop) {
            this.name = name;
            this.table = table;
            this.drop = drop;
        }
    }

    /**
     * The guard triggers of the current schema (PostgreSQL: the schemas of the search path) on the tables of
     * {@code scope} (lower case) that are not among {@code expected}: left from a configuration that soft-deleted
     * their table's parents. They would still refuse a row whose parent is soft-deleted, though that parent, no
     * longer configured, is visible again. Triggers on other tables may be another configuration's, and are not
     * looked at.
     */
    public List<LeftOver> leftOver(List<GuardObject> expected, Set<String> scope) throws SQLException {
        List<LeftOver> result = new ArrayList<>();
        if (dialect == Dialect.POSTGRESQL) {
            String sql = "SELECT n.nspname, c.relname, p.proname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid"
                + " WHERE t.tgname = ? AND n.nspname = ANY (current_schemas(false)) ORDER BY 1, 2";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, GuardTriggers.TRIGGER_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String schema = rs.getString(1);
                        String table = rs.getString(2);
                        if (scope.contains(table.toLowerCase(Locale.ROOT)) && !expects(expected, schema, table, null)) {
                            String qualified = quote(schema) + "." + quote(table);
                            result.add(new LeftOver(GuardTriggers.TRIGGER_NAME, table, List.of("DROP TRIGGER IF EXISTS "
                                + GuardTriggers.TRIGGER_NAME + " ON " + qualified, "DROP FUNCTION IF EXISTS "
                                + quote(schema) + "." + quote(rs.getString(3)) + "()")));
                        }
                    }
                }
            }
        } else if (dialect.isMySqlFamily()) {
            String sql = "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME LIKE ? ORDER BY 1";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, GuardTriggers.TRIGGER_NAME.replace("_", "\\_") + "\\_%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        String table = rs.getString(2);
                        if (scope.contains(table.toLowerCase(Locale.ROOT)) && !expects(expected, null, table, name)) {
                            result.add(new LeftOver(name, table, List.of("DROP TRIGGER IF EXISTS `"
                                + name.replace("`", "``") + "`")));
                        }
                    }
                }
            }
        }
        return result;
    }

    /** Whether a trigger among {@code expected} is on {@code table} (and named {@code name}, unless null). */
    private static boolean expects(List<GuardObject> expected, String schema, String table, String name) {
        for (GuardObject o : expected) {
            if (o.kind == GuardObject.Kind.LOCK_INDEX || !o.table.table().equalsIgnoreCase(table)
                    || schema != null && o.table.schema() != null && !o.table.schema().equalsIgnoreCase(schema)) {
                continue;
            }
            if (name == null || o.name.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The text with each run of white space as one blank, as the server may store a body re-indented. */
    private static String blanks(String text) {
        return text == null ? "" : text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
