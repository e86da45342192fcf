package dev.softdelete.bench;

import dev.softdelete.bench.stub.StubDriver;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import dev.softdelete.jdbc.rewrite.recognise.TableMentionFilter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The driver's path for the end-to-end benchmark's two literal texts (a new text each time, on {@code bench_orders}
 * and on the plain {@code bench_ledger}), with the processor's caches warm or evicted before each statement.
 *
 * <p>Between two statements of a connection the thread waits for the database; with more threads than cores, the
 * database server and the other threads run on its core meanwhile and evict what the driver's path uses. Untimed,
 * before each statement, the benchmark writes one byte per cache line of a buffer of {@code evictBytes}: 0 (warm),
 * 4 MiB (more than a core's L2 on the benchmark machine), 64 MiB (more than its L3). The text is built in the untimed
 * part too.
 *
 * <p>What is timed: {@code harness}, nothing but JMH's own work around a call, which pays the evicted caches too (the
 * baseline to subtract); the engine alone ({@code engineConfigured}, {@code enginePlainTable}); the pre-filter's pass
 * alone over the plain-table text ({@code preFilterPlainTable}) and over the configured one, up to the name it finds
 * ({@code preFilterConfigured}); the lexer pass that gives the configured text's literal shape
 * ({@code shapeConfigured}); and {@code createStatement}, {@code execute},
 * {@code close} on a stub driver ({@code stub...}) and through {@code jdbc:softdelete:} wrapping it
 * ({@code driver...}): the driver's whole client-side path without a database. Times are sampled one by one and the
 * medians are the figures, since an interrupt in a sample of a few microseconds would move a mean.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ColdCacheBenchmark {
    private static final int LINE = 64;

    @Param({"0", "4194304", "67108864"})
    public int evictBytes;

    private RewriteEngine engine;
    private TableMentionFilter filter;
    private Connection stub;
    private Connection driver;
    private byte[] evict;
    private long counter;
    private String configuredText;
    private String plainText;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = new RewriteEngine(RewriteEngines.locate("classpath:bench-softdelete.yml"), Dialect.POSTGRESQL);
        filter = new TableMentionFilter(engine.config().tables().stream().map(TableConfig::name)
                    .collect(Collectors.toList()));
        StubDriver.register();
        Properties props = new Properties();
        props.setProperty("softdelete.config", "classpath:bench-softdelete.yml");
        stub = DriverManager.getConnection(StubDriver.URL);
        driver = DriverManager.getConnection("jdbc:softdelete:" + StubDriver.URL.substring("jdbc:".length()), props);
        evict = new byte[Math.max(evictBytes, LINE)];
        String configured = EndToEndBenchmark.literalQuery(1, 2);
        if (engine.rewrite(configured, Visibility.ACTIVE).unchanged()) {
            throw new IllegalStateException("the configured text is not rewritten: " + configured);
        }
        String plain = EndToEndBenchmark.plainLiteralQuery(1, 2);
        if (!engine.rewrite(plain, Visibility.ACTIVE).unchanged()) {
            throw new IllegalStateException("the plain text is rewritten: " + plain);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        stub.close();
        driver.close();
    }

    /** Untimed: new texts, then the caches evicted. */
    @Setup(Level.Invocation)
    public void between() {
        long key = 1 + counter % EndToEndBenchmark.ORDERS;
        configuredText = EndToEndBenchmark.literalQuery(key, counter * 64);
        plainText = EndToEndBenchmark.plainLiteralQuery(key, counter * 64 + 1);
        counter++;
        if (evictBytes > 0) {
            byte[] b = evict;
            for (int i = 0; i < b.length; i += LINE) {
                b[i]++;
            }
        }
    }

    /** JMH's own cost around a call, as cold as the others: the baseline. */
    @Benchmark
    public int harness() {
        return 1;
    }

    @Benchmark
    public Rewrite engineConfigured() throws StatementRefusedException {
        return engine.rewrite(configuredText, Visibility.ACTIVE);
    }

    @Benchmark
    public Rewrite enginePlainTable() throws StatementRefusedException {
        return engine.rewrite(plainText, Visibility.ACTIVE);
    }

    /** The least the driver does with a text it has not seen. */
    @Benchmark
    public boolean preFilterPlainTable() {
        return filter.mentionsConfiguredTable(plainText);
    }

    /** The pre-filter's pass over the configured text: up to the configured name. */
    @Benchmark
    public boolean preFilterConfigured() {
        return filter.mentionsConfiguredTable(configuredText);
    }

    /** The lexer pass alone that gives the configured text's literal shape. */
    @Benchmark
    public LiteralShape shapeConfigured() {
        return LiteralShape.of(configuredText, Dialect.POSTGRESQL);
    }

    @Benchmark
    public boolean stubConfigured() throws SQLException {
        return execute(stub, configuredText);
    }

    @Benchmark
    public boolean driverConfigured() throws SQLException {
        return execute(driver, configuredText);
    }

    @Benchmark
    public boolean stubPlainTable() throws SQLException {
        return execute(stub, plainText);
    }

    @Benchmark
    public boolean driverPlainTable() throws SQLException {
        return execute(driver, plainText);
    }

    private static boolean execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.execute(sql);
        }
    }
}
