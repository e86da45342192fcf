package dev.softdelete.bench;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A cache miss against JSqlParser's parse alone, measured interleaved in one benchmark so that both get the same JIT
 * warm-up and the same share of whatever else the machine is doing. Each invocation runs, in rotating order, on
 * texts never seen before (a counter in a leading comment): an engine miss of the exact text ({@code missNanos}),
 * an engine miss of a new shape with literals ({@code literalMissNanos}), {@code new CCJSqlParser(new
 * StringProvider(sql)).Statements()} with the driver's own shaded JSqlParser ({@code parseNanos}, see
 * {@link ShadedParser}) and the same parse in simple mode, which the driver tries first ({@code simpleParseNanos}).
 * The quotients of the counters are the ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MissBenchmark {
    @Param({"SELECT", "DELETE", "JOIN3", "ORM"})
    public Shapes shape;

    /** Which operations run: all four in rotation (the default), or one of them alone (for diagnosis). */
    @Param({"all"})
    public String ops;

    private RewriteEngine engine;
    private long counter;

    /** The time spent in each kind of operation during the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long missNanos;
        public long literalMissNanos;
        public long parseNanos;
        public long simpleParseNanos;
        public long rounds;

        @Setup(Level.Iteration)
        public void reset() {
            missNanos = 0;
            literalMissNanos = 0;
            parseNanos = 0;
            simpleParseNanos = 0;
            rounds = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = new RewriteEngine(RewriteEngines.locate("classpath:bench-softdelete.yml"), Dialect.POSTGRESQL);
    }

    @Benchmark
    public long missVersusParse(Times t) throws Throwable {
        long sink = 0;
        for (int k = 0; k < 4; k++) {
            int op = "all".equals(ops) ? (int) ((t.rounds + k) & 3) : Integer.parseInt(ops);
            long n = counter++;
            String exact = "/* " + n + " */ " + shape.sql;
            long t0 = System.nanoTime();
            switch (op) {
                case 0:
                    sink += engine.rewrite(exact, Visibility.ACTIVE).sqlFor(exact).length();
                    t.missNanos += System.nanoTime() - t0;
                    break;
                case 1:
                    String literal = "/* " + n + " */ " + shape.withLiterals(n);
                    t0 = System.nanoTime();
                    sink += engine.rewrite(literal, Visibility.ACTIVE).sqlFor(literal).length();
                    t.literalMissNanos += System.nanoTime() - t0;
                    break;
                case 2:
                    sink += ShadedParser.parse(exact).hashCode();
                    t.parseNanos += System.nanoTime() - t0;
                    break;
                default:
                    sink += ShadedParser.parseSimple(exact).hashCode();
                    t.simpleParseNanos += System.nanoTime() - t0;
            }
        }
        t.rounds++;
        return sink;
    }
}
