package dev.softdelete.jdbc.execute;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Every JDBC method that takes SQL text and runs it, as test arguments: a name and a way to send one statement. */
final class SqlEntryPoints {

    /** Sends {@code dml} (or, for methods that only take queries, a query around it) through one JDBC method. */
    @FunctionalInterface
    interface EntryPoint {
        void send(Connection connection, String dml) throws SQLException;
    }

    private SqlEntryPoints() {
    }

    /** A query that runs {@code dml}, in H2's data-change delta table syntax. */
    static String queryAround(String dml) {
        return "SELECT * FROM FINAL TABLE (" + dml + ")";
    }

    static Stream<Arguments> all() {
        return Stream.of(
                entry("Statement.executeQuery", (c, sql) -> c.createStatement().executeQuery(queryAround(sql)).close()),
                entry("Statement.execute", (c, sql) -> c.createStatement().execute(sql)),
                entry("Statement.execute keys", (c, sql) ->
                        c.createStatement().execute(sql, Statement.RETURN_GENERATED_KEYS)),
                entry("Statement.execute indexes", (c, sql) -> c.createStatement().execute(sql, new int[] {1})),
                entry("Statement.execute names", (c, sql) -> c.createStatement().execute(sql, new String[] {"ID"})),
                entry("Statement.executeUpdate", (c, sql) -> c.createStatement().executeUpdate(sql)),
                entry("Statement.executeUpdate keys", (c, sql) ->
                        c.createStatement().executeUpdate(sql, Statement.RETURN_GENERATED_KEYS)),
                entry("Statement.executeUpdate indexes", (c, sql) ->
                        c.createStatement().executeUpdate(sql, new int[] {1})),
                entry("Statement.executeUpdate names", (c, sql) ->
                        c.createStatement().executeUpdate(sql, new String[] {"ID"})),
                entry("Statement.executeLargeUpdate", (c, sql) -> c.createStatement().executeLargeUpdate(sql)),
                entry("Statement.executeLargeUpdate keys", (c, sql) ->
                        c.createStatement().executeLargeUpdate(sql, Statement.RETURN_GENERATED_KEYS)),
                entry("Statement.executeLargeUpdate indexes", (c, sql) ->
                        c.createStatement().executeLargeUpdate(sql, new int[] {1})),
                entry("Statement.executeLargeUpdate names", (c, sql) ->
                        c.createStatement().executeLargeUpdate(sql, new String[] {"ID"})),
                entry("Statement.addBatch", (c, sql) -> {
                    Statement statement = c.createStatement();
                    statement.addBatch(sql);
                    statement.executeBatch();
                }),
                entry("Connection.prepareStatement", (c, sql) -> run(c.prepareStatement(sql))),
                entry("Connection.prepareStatement keys", (c, sql) ->
                        run(c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS))),
                entry("Connection.prepareStatement indexes", (c, sql) -> run(c.prepareStatement(sql, new int[] {1}))),
                entry("Connection.prepareStatement names", (c, sql) ->
                        run(c.prepareStatement(sql, new String[] {"ID"}))),
                entry("Connection.prepareStatement type", (c, sql) ->
                        run(c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY))),
                entry("Connection.prepareStatement holdability", (c, sql) ->
                        run(c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                                ResultSet.HOLD_CURSORS_OVER_COMMIT))),
                entry("Connection.prepareCall", (c, sql) -> run(c.prepareCall(sql))),
                entry("Connection.prepareCall type", (c, sql) ->
                        run(c.prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY))),
                entry("Connection.prepareCall holdability", (c, sql) ->
                        run(c.prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                                ResultSet.HOLD_CURSORS_OVER_COMMIT))));
    }

    private static Arguments entry(String name, EntryPoint entryPoint) {
        return arguments(name, entryPoint);
    }

    private static void run(PreparedStatement statement) throws SQLException {
        try (statement) {
            statement.execute();
        }
    }
}
