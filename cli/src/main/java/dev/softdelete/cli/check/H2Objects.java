package dev.softdelete.cli.check;

import dev.softdelete.config.TableConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * H2: views whose {@code INFORMATION_SCHEMA.VIEWS.VIEW_DEFINITION} mentions a configured table of the same schema,
 * and DELETE or UPDATE triggers on configured tables ({@code INFORMATION_SCHEMA.TRIGGERS}; their bodies are Java).
 */
final class H2Objects extends DatabaseObjects {
    private static final String VIEWS = "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
        + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2";
    private static final String TRIGGERS = "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_SCHEMA,"
        + " EVENT_OBJECT_TABLE, EVENT_MANIPULATION FROM INFORMATION_SCHEMA.TRIGGERS ORDER BY 1, 2";

    @Override
    void scan(Connection connection, Map<TableConfig, DatabaseTable> found) throws SQLException {
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery(VIEWS)) {
                while (rs.next()) {
                    for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
                        if (e.getValue().container().equalsIgnoreCase(rs.getString(1))
                                && Mentions.mentions(rs.getString(3), e.getValue().name())) {
                            view(rs.getString(1) + "." + rs.getString(2), e.getKey());
                        }
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(TRIGGERS)) {
                while (rs.next()) {
                    String trigger = rs.getString(1) + "." + rs.getString(2) + " on " + rs.getString(4);
                    String events = rs.getString(5).toUpperCase(Locale.ROOT);
                    for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
                        if (e.getValue().is(rs.getString(3), rs.getString(4))) {
                            if (events.contains("DELETE")) {
                                deleteTrigger(trigger, e.getKey());
                            }
                            if (events.contains("UPDATE")) {
                                updateTrigger(trigger, e.getKey());
                            }
                        }
                    }
                }
            }
        }
    }
}
