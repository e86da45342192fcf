package dev.softdelete.cli.check;

import dev.softdelete.config.TableConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * PostgreSQL: views from {@code information_schema.view_table_usage}, triggers on configured tables from
 * {@code pg_trigger}, rules on their UPDATE or DELETE from {@code pg_rewrite}, and functions and procedures (not those of extensions) whose source mentions a configured
 * table from {@code pg_proc.prosrc}.
 */
final class PostgresObjects extends DatabaseObjects {
    private static final String VIEWS =
        "SELECT view_schema, view_name, table_schema, table_name FROM information_schema.view_table_usage";
    private static final String TRIGGERS =
        "SELECT t.tgname, n.nspname, c.relname, (t.tgtype::int & 8) <> 0, (t.tgtype::int & 16) <> 0"
            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal";
    /** Rules on UPDATE (2) or DELETE (4) of a table, from {@code pg_rewrite}. */
    private static final String RULES =
        "SELECT r.rulename, n.nspname, c.relname, r.ev_type FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.ev_type IN ('2', '4')";
    private static final String ROUTINES =
        "SELECT p.oid::regprocedure::text, p.prorettype = 'pg_catalog.trigger'::regtype, p.prosrc"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
            + " AND d.objid = p.oid AND d.deptype = 'e')";

    @Override
    void scan(Connection connection, Map<TableConfig, DatabaseTable> found) throws SQLException {
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery(VIEWS)) {
                while (rs.next()) {
                    TableConfig table = configured(found, rs.getString(3), rs.getString(4));
                    if (table != null) {
                        view(rs.getString(1) + "." + rs.getString(2), table);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(TRIGGERS)) {
                while (rs.next()) {
                    TableConfig table = configured(found, rs.getString(2), rs.getString(3));
                    String trigger = rs.getString(1) + " on " + rs.getString(2) + "." + rs.getString(3);
                    if (table != null && rs.getBoolean(4)) {
                        deleteTrigger(trigger, table);
                    }
                    if (table != null && rs.getBoolean(5)) {
                        updateTrigger(trigger, table);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(RULES)) {
                while (rs.next()) {
                    TableConfig table = configured(found, rs.getString(2), rs.getString(3));
                    if (table != null) {
                        rule(rs.getString(1) + " on " + rs.getString(2) + "." + rs.getString(3), "4".equals(
                            rs.getString(4)), table);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(ROUTINES)) {
                while (rs.next()) {
                    for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
                        if (Mentions.mentions(rs.getString(3), e.getValue().name())) {
                            body(rs.getBoolean(2) ? "trigger function" : "function", rs.getString(1), e.getKey());
                        }
                    }
                }
            }
        }
    }

    private static TableConfig configured(Map<TableConfig, DatabaseTable> found, String schema, String table) {
        for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
            if (e.getValue().is(schema, table)) {
                return e.getKey();
            }
        }
        return null;
    }
}
