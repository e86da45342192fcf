package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import java.io.PrintStream;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code list <table>}: prints the soft-deleted rows of a configured table, newest deletion first. It reads through
 * the driver with visibility {@code only-deleted}, so the driver decides what "deleted" means, as it does for the
 * application.
 */
final class ListCommand extends DatabaseCommand {
    static final String NAME = "list";
    private static final String WHERE = "--where";
    private static final String LIMIT = "--limit";
    private static final int DEFAULT_LIMIT = 100;

    ListCommand() {
        super(NAME);
    }

    @Override
    String usage() {
        return "usage: java -jar softdelete-cli.jar list <table> --url <jdbc url> [--where <sql condition>]\n"
            + "                                          [--limit N] [--config softdelete.yml]\n"
            + "\n"
            + "Prints the soft-deleted rows of a configured table, most recently deleted first.\n"
            + "\n"
            + "  <table>                 a table configured in softdelete.yml\n"
            + "  --where <condition>     SQL condition on the table's columns, e.g. \"customer_id = 42\"\n"
            + "  --limit N               print at most N rows (default " + DEFAULT_LIMIT + ")\n"
            + connectionOptionsHelp();
    }

    @Override
    Set<String> ownOptions() {
        return Set.of(WHERE, LIMIT);
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out)
            throws UsageException, CommandFailedException, ConfigException, SQLException {
        String tableName = args.positionals("<table>").get(0);
        int limit = args.positiveInt(LIMIT, DEFAULT_LIMIT);
        String where = args.option(WHERE);
        SoftDeleteConfig config = target.config();
        TableConfig table = ConfiguredTables.find(config, tableName);
        String rest = " FROM " + table.name()
            // a line of its own: a condition that ends in a -- comment must not swallow the ORDER BY
            + (where == null || where.trim().isEmpty() ? "" : " WHERE " + where + "\n")
            + (table.timestampColumn() == null ? "" : " ORDER BY " + table.timestampColumn() + " DESC");
        try (Connection connection = target.openThroughDriver(Visibility.ONLY_DELETED);
             Statement statement = connection.createStatement()) {
            statement.setMaxRows(limit + 1);
            String hidden = hiddenColumns(statement, table);
            try (ResultSet rs = statement.executeQuery("SELECT *" + hidden + rest)) {
                print(rs, limit, table, out);
            }
        }
        return ExitStatus.OK;
    }

    /**
     * The soft-delete columns that {@code SELECT *} leaves out, as {@code ", col, ..."}: on MySQL and MariaDB,
     * {@code migrate} adds them INVISIBLE, and the operator wants to see when each row was deleted.
     */
    private static String hiddenColumns(Statement statement, TableConfig table) throws SQLException {
        Set<String> shown = new java.util.HashSet<>();
        try (ResultSet none = statement.executeQuery("SELECT * FROM " + table.name() + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                shown.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
        }
        StringBuilder hidden = new StringBuilder();
        for (String column : new String[] {table.flagColumn(), table.timestampColumn(), table.batchColumn(),
            table.actorColumn()}) {
            if (column != null && !shown.contains(column.toLowerCase(java.util.Locale.ROOT))) {
                hidden.append(", ").append(column);
            }
        }
        return hidden.toString();
    }

    private static void print(ResultSet rs, int limit, TableConfig table, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String> headers = new ArrayList<>();
        boolean[] numeric = new boolean[columns];
        for (int i = 1; i <= columns; i++) {
            headers.add(meta.getColumnLabel(i));
            numeric[i - 1] = isNumeric(meta.getColumnType(i));
        }
        TextTable text = new TextTable(headers, numeric);
        int rows = 0;
        boolean more = false;
        while (rs.next()) {
            if (rows == limit) {
                more = true;
                break;
            }
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                cells.add(cell(rs, i));
            }
            text.addRow(cells);
            rows++;
        }
        out.println("soft-deleted rows of " + table.name() + ":");
        text.print(out);
        out.println(more
            ? "(first " + rows + (rows == 1 ? " row" : " rows") + " shown; there are more: --limit or --where)"
            : "(" + rows + (rows == 1 ? " row)" : " rows)"));
    }

    private static String cell(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Clob) {
            return rs.getString(column);
        }
        if (value instanceof Blob) {
            return "<" + ((Blob) value).length() + " bytes>";
        }
        if (value instanceof byte[]) {
            StringBuilder hex = new StringBuilder("0x");
            for (byte b : (byte[]) value) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return hex.toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString().replace('T', ' ');
        }
        return value.toString();
    }

    private static boolean isNumeric(int type) {
        switch (type) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.DECIMAL:
            case Types.NUMERIC:
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return true;
            default:
                return false;
        }
    }
}
