package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.Column;
import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.config.FlagType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL/MariaDB DDL. MySQL has no {@code IF NOT EXISTS} for columns and indexes (MariaDB has), so statements are
 * plain and {@code migrate} plans only what is missing. Each statement commits on its own: DDL is not transactional
 * there. Changes to existing columns restate the column ({@code MODIFY}) with its type and comment as the database
 * reports them.
 */
final class MySqlDdl extends Ddl {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private final Connection connection;
    private final boolean mariaDb;
    private final int[] version;

    MySqlDdl(Connection connection) throws SQLException {
        this.connection = connection;
        String text;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            text = rs.getString(1);
        }
        this.mariaDb = text.toLowerCase(Locale.ROOT).contains("mariadb");
        Matcher m = VERSION.matcher(text);
        this.version = m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))} : new int[] {0, 0, 0};
    }

    @Override
    String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    boolean caseSensitive() {
        return false;
    }

    @Override
    int maxIdentifier() {
        return 64;
    }

    @Override
    String flagDefinition(FlagType type) {
        return type == FlagType.INTEGER ? "TINYINT NOT NULL DEFAULT 0" : "BOOLEAN NOT NULL DEFAULT FALSE";
    }

    @Override
    String timestampDefinition() {
        return "DATETIME(6) NULL";
    }

    /** Whether columns can be INVISIBLE (left out of {@code SELECT *}): MariaDB 10.3.3+, MySQL 8.0.23+. */
    boolean invisibleColumns() {
        return mariaDb ? atLeast(10, 3, 3) : atLeast(8, 0, 23);
    }

    private boolean atLeast(int major, int minor, int patch) {
        int[] wanted = {major, minor, patch};
        for (int i = 0; i < 3; i++) {
            if (version[i] != wanted[i]) {
                return version[i] > wanted[i];
            }
        }
        return true;
    }

    /**
     * The soft-delete columns are added INVISIBLE where the server has them: a hard-delete application that inserts
     * without a column list, or reads {@code SELECT *} by position, goes on working (MySQL, unlike PostgreSQL, does
     * not fill left-out trailing columns with their defaults: the INSERT failed with 1136). The driver names them.
     */
    @Override
    List<String> addColumns(String table, List<String> definitions) {
        List<String> parts = new ArrayList<>();
        for (String d : definitions) {
            parts.add("ADD COLUMN " + d + (invisibleColumns() ? " INVISIBLE" : ""));
        }
        return List.of("ALTER TABLE " + table + " " + String.join(", ", parts));
    }

    @Override
    List<String> repairFlag(DatabaseTable table, String tableSql, Column column, FlagType type) throws SQLException {
        List<String> statements = new ArrayList<>();
        String c = quote(column.name());
        if (column.nullable()) {
            statements.add("UPDATE " + tableSql + " SET " + c + " = " + falseLiteral(type) + " WHERE " + c
                + " IS NULL");
        }
        statements.add("ALTER TABLE " + tableSql + " MODIFY " + c + " " + columnType(table, column.name()).type
            + " NOT NULL DEFAULT " + falseLiteral(type) + columnType(table, column.name()).comment());
        return statements;
    }

    @Override
    List<String> repairTimestamp(DatabaseTable table, String tableSql, Column column) throws SQLException {
        ColumnType type = columnType(table, column.name());
        String base = type.type.toLowerCase(Locale.ROOT).startsWith("timestamp") ? "TIMESTAMP(6)" : "DATETIME(6)";
        return List.of("ALTER TABLE " + tableSql + " MODIFY " + quote(column.name()) + " " + base
            + " NULL DEFAULT NULL" + type.comment());
    }

    @Override
    String createIndex(String name, String tableSql, List<String> columns) {
        List<String> quoted = new ArrayList<>();
        columns.forEach(c -> quoted.add(quote(c)));
        return "CREATE INDEX " + quote(name) + " ON " + tableSql + " (" + String.join(", ", quoted) + ")";
    }

    @Override
    String dropIndex(String name, DatabaseTable table, String tableSql) {
        return "DROP INDEX " + quote(name) + " ON " + tableSql;
    }

    @Override
    boolean addsColumnsInPlace() {
        return mariaDb ? atLeast(10, 3, 2) : atLeast(8, 0, 12);
    }

    @Override
    boolean widensTimestampsInPlace() {
        return false;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    /** A column's type as {@code information_schema.COLUMNS} declares it, with character set and comment. */
    static final class ColumnType {
        /** {@code varchar(100)}, {@code tinyint(1)}, {@code datetime}. */
        final String type;
        final String characterSet;
        final String collation;
        final String commentText;

        ColumnType(String type, String characterSet, String collation, String commentText) {
            this.type = type;
            this.characterSet = characterSet;
            this.collation = collation;
            this.commentText = commentText;
        }

        /** {@code varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci}: the type with its collation. */
        String withCollation() {
            return type + (characterSet == null ? "" : " CHARACTER SET " + characterSet)
                + (collation == null ? "" : " COLLATE " + collation);
        }

        /** {@code  COMMENT '...'}, or nothing. */
        String comment() {
            return commentText == null || commentText.isEmpty() ? ""
                : " COMMENT '" + commentText.replace("\\", "\\\\").replace("'", "''") + "'";
        }
    }

    ColumnType columnType(DatabaseTable table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_TYPE, CHARACTER_SET_NAME,"
                + " COLLATION_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("column " + column + " of " + table + " not found");
                }
                return new ColumnType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        }
    }
}
