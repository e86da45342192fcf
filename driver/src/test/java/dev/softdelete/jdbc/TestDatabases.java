package dev.softdelete.jdbc;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.execute.ConnectionWrapper;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.execute.SharedEngine;
import dev.softdelete.jdbc.execute.SessionEngine;
import dev.softdelete.jdbc.execute.StatementGate;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh in-memory H2 databases, opened through the soft-delete driver or wrapped with a chosen rewrite. */
public final class TestDatabases {
    /** The test configuration on the test classpath. */
    public static final String CONFIG = "classpath:softdelete-test.yml";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    /** The H2 URL of a database no other test uses; it lives while a connection to it is open. */
    public static String newH2Url() {
        return "jdbc:h2:mem:test" + COUNTER.incrementAndGet();
    }

    /** {@code jdbc:softdelete:} in front of a database URL. */
    public static String softDeleteUrl(String databaseUrl) {
        return "jdbc:softdelete:" + databaseUrl.substring("jdbc:".length());
    }

    /** Connection properties naming the test configuration. */
    public static Properties configProperties() {
        Properties properties = new Properties();
        properties.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, CONFIG);
        return properties;
    }

    /** A connection to a fresh database through {@link java.sql.DriverManager} and the soft-delete driver. */
    public static Connection open() throws SQLException {
        return open("");
    }

    /** As {@link #open()}, with H2 settings such as {@code ;MODE=PostgreSQL} appended to the URL. */
    public static Connection open(String h2Settings) throws SQLException {
        return DriverManager.getConnection(softDeleteUrl(newH2Url() + h2Settings), configProperties());
    }

    /** A connection to a fresh database whose statements pass {@code rewriter} instead of the rewrite engine. */
    public static Connection openWith(StatementGate.Rewriter rewriter) throws SQLException {
        return new ConnectionWrapper(DriverManager.getConnection(newH2Url()), new StatementGate(rewriter,
                Visibility.ACTIVE), SessionEngine.fixed(h2Engine()), null);
    }

    /** The engine of {@link #CONFIG} on H2, with no catalog read. */
    public static SharedEngine h2Engine() throws SQLException {
        return SharedEngine.of(new RewriteEngine(RewriteEngines.locate(CONFIG), Dialect.H2));
    }

    /** The number of rows in {@code table}, counted on the connection's delegate. */
    public static long count(Connection connection, String table) throws SQLException {
        try (var statement = connection.unwrap(org.h2.jdbc.JdbcConnection.class).createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
