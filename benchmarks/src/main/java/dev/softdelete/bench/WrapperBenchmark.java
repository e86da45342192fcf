package dev.softdelete.bench;

import dev.softdelete.bench.stub.StubDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the driver's wrappers add to a JDBC call, over a stub driver whose statements do nothing (in the style of
 * HikariCP's benchmark module): each pair runs the same calls on the stub connection itself ({@code raw}) and on
 * {@code jdbc:softdelete:stub:...} wrapping another stub connection ({@code wrapped}). The statement is a SELECT on
 * a soft-delete table, so the wrapped one is rewritten: a cache hit after the first call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WrapperBenchmark {
    static final String SQL = "SELECT id, customer_id, total, note FROM orders WHERE id = ?";
    static final String PLAIN_SQL = "SELECT id, customer_id, total, note FROM orders WHERE id = 42";

    private Connection raw;
    private Connection wrapped;
    private Statement rawStatement;
    private Statement wrappedStatement;
    private PreparedStatement rawPrepared;
    private PreparedStatement wrappedPrepared;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        StubDriver.register();
        Properties props = new Properties();
        props.setProperty("softdelete.config", "classpath:bench-softdelete.yml");
        raw = DriverManager.getConnection(StubDriver.URL);
        wrapped = DriverManager.getConnection("jdbc:softdelete:" + StubDriver.URL.substring("jdbc:".length()),
                props);
        if (!wrapped.getClass().getName().startsWith("dev.softdelete.jdbc")) {
            throw new IllegalStateException("not the soft-delete driver: " + wrapped.getClass());
        }
        rawStatement = raw.createStatement();
        wrappedStatement = wrapped.createStatement();
        rawPrepared = raw.prepareStatement(SQL);
        wrappedPrepared = wrapped.prepareStatement(SQL);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        wrapped.close();
    }

    @Benchmark
    public boolean statementExecuteRaw() throws SQLException {
        return rawStatement.execute(PLAIN_SQL);
    }

    @Benchmark
    public boolean statementExecuteWrapped() throws SQLException {
        return wrappedStatement.execute(PLAIN_SQL);
    }

    @Benchmark
    public boolean preparedExecuteRaw() throws SQLException {
        rawPrepared.setLong(1, 42);
        return rawPrepared.execute();
    }

    @Benchmark
    public boolean preparedExecuteWrapped() throws SQLException {
        wrappedPrepared.setLong(1, 42);
        return wrappedPrepared.execute();
    }

    /** prepareStatement, bind, execute, close: how pooled applications use prepared statements. */
    @Benchmark
    public boolean prepareExecuteCloseRaw() throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(SQL)) {
            ps.setLong(1, 42);
            return ps.execute();
        }
    }

    @Benchmark
    public boolean prepareExecuteCloseWrapped() throws SQLException {
        try (PreparedStatement ps = wrapped.prepareStatement(SQL)) {
            ps.setLong(1, 42);
            return ps.execute();
        }
    }
}
