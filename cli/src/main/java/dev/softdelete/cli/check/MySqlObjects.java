package dev.softdelete.cli.check;

import dev.softdelete.config.TableConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL and MariaDB: in the databases holding configured tables, views whose {@code VIEW_DEFINITION}, triggers whose
 * {@code ACTION_STATEMENT} and routines whose {@code ROUTINE_DEFINITION} mention a configured table of the same
 * database, and DELETE or UPDATE triggers on configured tables ({@code information_schema}).
 */
final class MySqlObjects extends DatabaseObjects {
    @Override
    void scan(Connection connection, Map<TableConfig, DatabaseTable> found) throws SQLException {
        Set<String> databases = new LinkedHashSet<>();
        for (DatabaseTable t : found.values()) {
            databases.add(t.container());
        }
        if (databases.isEmpty()) {
            return;
        }
        String in = "(" + String.join(", ", Collections.nCopies(databases.size(), "?")) + ")";
        List<String> params = new ArrayList<>(databases);
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION"
                + " FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN " + in + " ORDER BY 1, 2")) {
            try (ResultSet rs = query(ps, params)) {
                while (rs.next()) {
                    for (TableConfig t : mentioned(found, rs.getString(1), rs.getString(3))) {
                        view(rs.getString(1) + "." + rs.getString(2), t);
                    }
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT TRIGGER_SCHEMA, TRIGGER_NAME,"
                + " EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, EVENT_MANIPULATION, ACTION_STATEMENT"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN " + in + " ORDER BY 1, 2")) {
            try (ResultSet rs = query(ps, params)) {
                while (rs.next()) {
                    String trigger = rs.getString(1) + "." + rs.getString(2) + " on " + rs.getString(4);
                    String event = rs.getString(5).toUpperCase(Locale.ROOT);
                    for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
                        if (e.getValue().is(rs.getString(3), rs.getString(4))) {
                            if (event.contains("DELETE")) {
                                deleteTrigger(trigger, e.getKey());
                            } else if (event.contains("UPDATE")) {
                                updateTrigger(trigger, e.getKey());
                            }
                        }
                    }
                    for (TableConfig t : mentioned(found, rs.getString(1), rs.getString(6))) {
                        body("trigger", trigger, t);
                    }
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE,"
                + " ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN " + in
                + " ORDER BY 1, 2")) {
            try (ResultSet rs = query(ps, params)) {
                while (rs.next()) {
                    for (TableConfig t : mentioned(found, rs.getString(1), rs.getString(4))) {
                        body(rs.getString(3).toLowerCase(Locale.ROOT), rs.getString(1) + "." + rs.getString(2), t);
                    }
                }
            }
        }
    }

    private static ResultSet query(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
        return ps.executeQuery();
    }

    /** The configured tables of database {@code schema} that {@code sql} mentions. */
    private static List<TableConfig> mentioned(Map<TableConfig, DatabaseTable> found, String schema, String sql) {
        List<TableConfig> tables = new ArrayList<>();
        for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
            if (e.getValue().container().equalsIgnoreCase(schema) && Mentions.mentions(sql, e.getValue().name())) {
                tables.add(e.getKey());
            }
        }
        return tables;
    }
}
