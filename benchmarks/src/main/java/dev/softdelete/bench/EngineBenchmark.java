package dev.softdelete.bench;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.concurrent.TimeUnit;
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
 * The rewrite engine alone (PostgreSQL dialect), per statement shape:
 * <ul>
 *   <li>{@code exactHit}: the same text again: a cache hit;</li>
 *   <li>{@code literalHit}: a new text of the shape before it (legacy code concatenating values): building the text
 *   (as the application does; {@code literalBuildOnly} alone), the pre-filter, the text read against the shape the
 *   engine answered last in its slot, literals put back;</li>
 * </ul>
 * Misses are measured against JSqlParser's parse alone by {@link MissBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBenchmark {
    private static final int VARIANTS = 1024;

    @Param({"SELECT", "DELETE", "JOIN3", "ORM"})
    public Shapes shape;

    private RewriteEngine engine;
    private String exact;
    private String[] literal;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = new RewriteEngine(RewriteEngines.locate("classpath:bench-softdelete.yml"), Dialect.POSTGRESQL);
        exact = shape.sql;
        literal = new String[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            literal[i] = shape.withLiterals(100_000 + i * 7919L);
        }
        Rewrite r = engine.rewrite(exact, Visibility.ACTIVE);
        if (r.unchanged()) {
            throw new IllegalStateException("the benchmark statement is not rewritten: " + exact);
        }
        String expected = r.sqlFor(exact);
        String viaShape = engine.rewrite(literal[0], Visibility.ACTIVE).sqlFor(literal[0]);
        if (viaShape.equals(literal[0])) {
            throw new IllegalStateException("the literal statement is not rewritten: " + literal[0]);
        }
        if (expected.length() == 0) {
            throw new IllegalStateException();
        }
    }

    @Benchmark
    public Rewrite exactHit() throws StatementRefusedException {
        return engine.rewrite(exact, Visibility.ACTIVE);
    }

    /** Builds a statement with new values, as the application does: the baseline to subtract from literalHit. */
    @Benchmark
    public String literalBuildOnly() {
        return shape.withLiterals(counter++);
    }

    @Benchmark
    public Rewrite literalHit() throws StatementRefusedException {
        return engine.rewrite(shape.withLiterals(counter++), Visibility.ACTIVE);
    }
}
