package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code undelete <table>}: runs {@code UNDELETE FROM table [WHERE ...]} through the driver, which restores the rows
 * and the children deleted with them. The children restored are counted as the drop in soft-deleted rows of every
 * table the cascade map reaches, all in one transaction.
 */
final class UndeleteCommand extends DatabaseCommand {
    static final String NAME = "undelete";
    private static final String WHERE = "--where";
    private static final String COUNT_HINT = "/* softdelete:only-deleted */ ";

    UndeleteCommand() {
        super(NAME);
    }

    @Override
    String usage() {
        return "usage: java -jar softdelete-cli.jar undelete <table> --url <jdbc url> [--where <sql condition>]\n"
            + "                                              [--config softdelete.yml]\n"
            + "\n"
            + "Restores soft-deleted rows of a configured table, with the children deleted together with them.\n"
            + "Without --where every soft-deleted row of the table is restored.\n"
            + "\n"
            + "  <table>                 a table configured in softdelete.yml\n"
            + "  --where <condition>     SQL condition with the values written in, e.g. \"id = 42\"\n"
            + connectionOptionsHelp();
    }

    @Override
    Set<String> ownOptions() {
        return Set.of(WHERE);
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out)
            throws UsageException, CommandFailedException, ConfigException, SQLException {
        String tableName = args.positionals("<table>").get(0);
        String where = args.option(WHERE);
        SoftDeleteConfig config = target.config();
        TableConfig table = ConfiguredTables.find(config, tableName);
        String sql = "UNDELETE FROM " + table.name()
            + (where == null || where.trim().isEmpty() ? "" : " WHERE " + where);
        Set<TableConfig> reached = ConfiguredTables.reachable(config, table);
        try (Connection connection = target.openThroughDriver(null)) {
            connection.setAutoCommit(false);
            try {
                Map<TableConfig, Long> before = deletedRows(connection, reached);
                int restored;
                try (Statement statement = connection.createStatement()) {
                    restored = statement.executeUpdate(sql);
                }
                Map<TableConfig, Long> after = deletedRows(connection, reached);
                connection.commit();
                report(out, sql, table, restored, before, after);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return ExitStatus.OK;
    }

    private static Map<TableConfig, Long> deletedRows(Connection connection, Set<TableConfig> tables)
            throws SQLException {
        Map<TableConfig, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (TableConfig t : tables) {
                try (ResultSet rs = statement.executeQuery(COUNT_HINT + "SELECT COUNT(*) FROM " + t.name())) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static void report(PrintStream out, String sql, TableConfig table, int restored,
                               Map<TableConfig, Long> before, Map<TableConfig, Long> after) {
        out.println(sql);
        out.println("restored " + restored + " row" + (restored == 1 ? "" : "s") + " of " + table.name());
        List<String> children = new ArrayList<>();
        long total = 0;
        for (Map.Entry<TableConfig, Long> entry : before.entrySet()) {
            long rows = entry.getValue() - after.get(entry.getKey()) - (entry.getKey() == table ? restored : 0);
            if (rows > 0) {
                children.add(entry.getKey().name() + " " + rows);
                total += rows;
            }
        }
        if (before.size() > 1 || total > 0) {
            out.println("restored " + total + " child row" + (total == 1 ? "" : "s") + " along the cascade map"
                + (children.isEmpty() ? "" : ": " + String.join(", ", children)));
        }
    }
}
