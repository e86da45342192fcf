package dev.softdelete.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the groups of benchmarks with settings sized for a small machine and prints their figures as ratios, in
 * Markdown. Arguments: the groups to run ({@code engine}, {@code wrapper}, {@code e2e}, {@code integrity},
 * {@code delete}, {@code purge}; all by default; {@code e2e8} is the 8-thread half of {@code e2e} alone, for rounds
 * of it), and
 * {@code --out FILE} to write the report to a file as well.
 */
public final class RunAll {
    private RunAll() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        List<String> groups = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if ("--out".equals(args[i])) {
                out = Path.of(args[++i]);
            } else {
                groups.add(args[i]);
            }
        }
        if (groups.isEmpty()) {
            groups = List.of("engine", "wrapper", "e2e", "integrity", "delete", "purge");
        }
        StringBuilder report = new StringBuilder();
        for (String group : groups) {
            switch (group) {
                case "engine":
                    engine(report);
                    break;
                case "wrapper":
                    wrapper(report);
                    break;
                case "e2e":
                    endToEnd(report, 1);
                    endToEnd(report, 8);
                    break;
                case "e2e8":
                    endToEnd(report, 8); // the 8-thread half again, as rounds of it
                    break;
                case "integrity":
                    integrity(report);
                    break;
                case "delete":
                    delete(report);
                    break;
                case "purge":
                    purge(report);
                    break;
                default:
                    throw new IllegalArgumentException("unknown group " + group
                            + " (engine, wrapper, e2e, e2e8, integrity, delete, purge)");
            }
        }
        System.out.println();
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    private static ChainedOptionsBuilder base(String include, int warmupSeconds, int measureSeconds) {
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(measureSeconds))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true);
    }

    private static void engine(StringBuilder report) throws RunnerException {
        String name = EngineBenchmark.class.getName();
        // hits settle within a second; a miss runs all of JSqlParser, which the JIT takes a few seconds to compile
        List<RunResult> results = new ArrayList<>(new Runner(base(name + ".(exactHit|literalHit|literalBuildOnly)$",
                1, 1).warmupIterations(4).addProfiler(GCProfiler.class).build()).run());
        Collection<RunResult> misses = new Runner(base(MissBenchmark.class.getName() + ".*", 1, 1)
                .warmupIterations(8).measurementIterations(5).build()).run();
        Map<String, RunResult> missByShape = new LinkedHashMap<>();
        misses.forEach(r -> missByShape.put(r.getParams().getParam("shape"), r));
        Map<String, Map<String, RunResult>> byShape = new LinkedHashMap<>();
        for (RunResult r : results) {
            byShape.computeIfAbsent(r.getParams().getParam("shape"), k -> new LinkedHashMap<>())
                    .put(method(r), r);
        }
        report.append("### Rewrite engine alone (PostgreSQL dialect), ns per statement\n\n")
                .append("| shape | exact hit, ns | hit B/op | literal hit, ns (of which building the text) |"
                        + " literal hit B/op | exact miss, µs | literal miss, µs | parse alone, µs |"
                        + " parse alone, simple mode, µs | miss / parse | miss / simple-mode parse |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Map<String, RunResult>> e : byShape.entrySet()) {
            Map<String, RunResult> m = e.getValue();
            RunResult mr = missByShape.get(e.getKey());
            double rounds = secondary(mr, "rounds");
            double miss = secondary(mr, "missNanos");
            double parse = secondary(mr, "parseNanos");
            double simple = secondary(mr, "simpleParseNanos");
            report.append("| ").append(e.getKey())
                    .append(" | ").append(ns(m.get("exactHit")))
                    .append(" | ").append(alloc(m.get("exactHit")))
                    .append(" | ").append(ns(m.get("literalHit"))).append(" (").append(ns(m.get("literalBuildOnly")))
                    .append(")")
                    .append(" | ").append(alloc(m.get("literalHit")))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", miss / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f",
                            secondary(mr, "literalMissNanos") / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", parse / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", simple / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", miss / parse))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", miss / simple))
                    .append(" |\n");
        }
        report.append('\n');
        coldCaches(report);
    }

    /** The driver's path for the end-to-end literal texts, with the caches warm and evicted: medians of single calls. */
    private static void coldCaches(StringBuilder report) throws RunnerException {
        Collection<RunResult> results = new Runner(base(ColdCacheBenchmark.class.getName() + ".*", 1, 2)
                .measurementIterations(4).build()).run();
        Map<String, Map<String, Double>> byEviction = new LinkedHashMap<>();
        for (RunResult r : results) {
            byEviction.computeIfAbsent(r.getParams().getParam("evictBytes"), k -> new LinkedHashMap<>())
                    .put(method(r), r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        report.append("### The driver's path with the processor's caches evicted before each statement (the"
                        + " end-to-end literal texts), median ns per statement\n\n")
                .append("Engine and pre-filter: less the harness alone. Through the driver: createStatement, execute,"
                        + " close on `jdbc:softdelete:` over a stub driver, less the same on the stub alone.\n\n")
                .append("| evicted before each statement | harness alone | engine, bench_orders text |"
                        + " engine, plain-table text | pre-filter alone, plain-table text |"
                        + " pre-filter alone, bench_orders text | literal shape alone, bench_orders text |"
                        + " through the driver, bench_orders text | through the driver, plain-table text |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Map<String, Double>> e : byEviction.entrySet()) {
            long bytes = Long.parseLong(e.getKey());
            Map<String, Double> m = e.getValue();
            double harness = m.get("harness");
            report.append("| ").append(bytes == 0 ? "nothing (warm)" : (bytes >> 20) + " MiB")
                    .append(String.format(Locale.ROOT, " | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                            harness, m.get("engineConfigured") - harness, m.get("enginePlainTable") - harness,
                            m.get("preFilterPlainTable") - harness, m.get("preFilterConfigured") - harness,
                            m.get("shapeConfigured") - harness, m.get("driverConfigured") - m.get("stubConfigured"),
                            m.get("driverPlainTable") - m.get("stubPlainTable")));
        }
        report.append('\n');
    }

    private static void wrapper(StringBuilder report) throws RunnerException {
        Collection<RunResult> results = new Runner(base(WrapperBenchmark.class.getName() + ".*", 1, 1)
                .addProfiler(GCProfiler.class).build()).run();
        Map<String, RunResult> m = new LinkedHashMap<>();
        results.forEach(r -> m.put(method(r), r));
        report.append("### Wrapper overhead over a stub driver, ns per call (cache hit)\n\n")
                .append("| call | raw | wrapped | overhead | raw B/op | wrapped B/op |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String call : new String[] {"statementExecute", "preparedExecute", "prepareExecuteClose"}) {
            RunResult raw = m.get(call + "Raw");
            RunResult wrapped = m.get(call + "Wrapped");
            report.append("| ").append(call).append(" | ").append(ns(raw)).append(" | ").append(ns(wrapped))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", score(wrapped) - score(raw)))
                    .append(" | ").append(alloc(raw)).append(" | ").append(alloc(wrapped)).append(" |\n");
        }
        report.append('\n');
    }

    private static void integrity(StringBuilder report) throws RunnerException {
        Collection<RunResult> results = new Runner(base(IntegrityBenchmark.class.getName() + ".*", 1, 3)
                .measurementIterations(5).build()).run();
        report.append("### Referential-integrity guards, 1 thread (interleaved on the same physical connection)\n\n")
                .append("middle: for childInsert, raw into the guarded table; for restrictedDelete, the soft delete"
                        + " and its checks by hand in one statement that cannot raise the error (the experiment).\n\n")
                .append("| database | operation | raw µs/op | middle µs/op | proxied µs/op |"
                        + " proxied / raw | proxied / middle | raw / middle | rounds |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (RunResult r : results) {
            double raw = secondary(r, "rawNanos");
            double guarded = secondary(r, "sameTextNanos");
            double proxied = secondary(r, "proxiedNanos");
            double rounds = secondary(r, "rounds");
            boolean controlled = guarded > 0;
            report.append("| ").append(r.getParams().getParam("db")).append(" | ").append(method(r))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", raw / rounds / 1000))
                    .append(" | ").append(controlled ? String.format(Locale.ROOT, "%.1f", guarded / rounds / 1000)
                            : "—")
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", proxied / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f", raw / proxied))
                    .append(" | ").append(controlled ? String.format(Locale.ROOT, "%.3f", guarded / proxied) : "—")
                    .append(" | ").append(controlled ? String.format(Locale.ROOT, "%.3f", raw / guarded) : "—")
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", rounds)).append(" |\n");
        }
        report.append('\n');
    }

    private static void delete(StringBuilder report) throws RunnerException {
        Collection<RunResult> results = new Runner(base(DeleteBenchmark.class.getName() + ".*", 1, 3)
                .measurementIterations(5).build()).run();
        report.append("### Soft DELETE against hard DELETE, 1 thread (interleaved on the same physical connection)\n\n")
                .append("middle: the driver's text sent raw for a leaf; for cascade2, the whole cascade by hand in one"
                        + " statement (the experiment).\n\n")
                .append("| database | operation | hard µs/op | middle µs/op | soft µs/op | soft / hard | per iteration |"
                        + " middle / soft | rounds |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (RunResult r : results) {
            double hard = secondary(r, "rawNanos");
            double middle = secondary(r, "sameTextNanos");
            double soft = secondary(r, "proxiedNanos");
            double rounds = secondary(r, "rounds");
            report.append("| ").append(r.getParams().getParam("db")).append(" | ").append(method(r))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", hard / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", middle / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", soft / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f", hard / soft))
                    .append(" | ").append(perIteration(r, "rawNanos"))
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f", middle / soft))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", rounds)).append(" |\n");
        }
        report.append('\n');
    }

    private static void purge(StringBuilder report) throws IOException {
        report.append("### Purge of ").append(PurgeRun.DELETED).append(" soft-deleted rows (batches of ")
                .append(PurgeRun.BATCH).append("), with one thread reading live rows by primary key through the"
                        + " driver\n\n")
                .append("| database | rows purged | seconds | rows/s | reads before: p50 / p99 / max µs |"
                        + " reads during: p50 / p99 / max µs | p99 during / before |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        try {
            report.append(PurgeRun.run("postgresql", Databases.postgresUrl())).append('\n');
            report.append(PurgeRun.run("mariadb", Databases.mysqlUrl())).append('\n');
        } catch (Exception e) {
            throw new IOException("the purge run failed", e);
        }
        report.append('\n');
    }

    private static void endToEnd(StringBuilder report, int threads) throws RunnerException {
        Collection<RunResult> results = new Runner(base(EndToEndBenchmark.class.getName() + ".*", 1, 3)
                .measurementIterations(5).threads(threads).build()).run();
        report.append("### End to end, ").append(threads).append(threads == 1 ? " thread" : " threads")
                .append(" (raw, raw with the driver's text, and proxied interleaved on the same physical"
                        + " connection)\n\n")
                .append("| database | operation | raw µs/op | raw, driver's text, µs/op | proxied µs/op |"
                        + " proxied / raw | per iteration | proxied / raw with the driver's text | per iteration |"
                        + " client CPU µs/op: raw / driver's text / proxied | rounds |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        StringBuilder floors = new StringBuilder();
        StringBuilder layers = new StringBuilder();
        for (RunResult r : results) {
            double raw = secondary(r, "rawNanos");
            double sameText = secondary(r, "sameTextNanos");
            double proxied = secondary(r, "proxiedNanos");
            double rounds = secondary(r, "rounds");
            boolean controlled = sameText > 0;
            report.append("| ").append(r.getParams().getParam("db")).append(" | ").append(method(r))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", raw / rounds / 1000))
                    .append(" | ").append(controlled ? String.format(Locale.ROOT, "%.1f", sameText / rounds / 1000)
                            : "—")
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", proxied / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f", raw / proxied))
                    .append(" | ").append(perIteration(r, "rawNanos"))
                    .append(" | ").append(controlled ? String.format(Locale.ROOT, "%.3f", sameText / proxied) : "—")
                    .append(" | ").append(controlled ? perIteration(r, "sameTextNanos") : "—")
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f / %s / %.1f",
                            secondary(r, "rawCpuNanos") / rounds / 1000, controlled ? String.format(Locale.ROOT,
                            "%.1f", secondary(r, "sameTextCpuNanos") / rounds / 1000) : "—",
                            secondary(r, "proxiedCpuNanos") / rounds / 1000))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", rounds)).append(" |\n");
            if ("plainTableLayer".equals(method(r))) {
                layers.append(layers.length() == 0 ? "" : ", ").append(r.getParams().getParam("db"))
                        .append(String.format(Locale.ROOT, " %.3f", proxied / sameText));
            }
            if ("plainTableFloor".equals(method(r))) {
                floors.append(floors.length() == 0 ? "" : ", ").append(r.getParams().getParam("db"))
                        .append(String.format(Locale.ROOT, " %.3f", raw / sameText));
            }
        }
        if (layers.length() > 0) {
            report.append("\nplainTableLayer: its middle way is HikariCP's proxy over the driver's connection, the same"
                    + " prepared statement as plainTablePrepared. The driver / HikariCP over the driver (what one"
                    + " generated delegation layer that rewrites nothing costs here): ").append(layers).append(".\n");
        }
        if (floors.length() > 0) {
            report.append("\nplainTableFloor: its middle way is the raw driver sending the text after the driver's"
                    + " pre-filter alone has read it, the least a driver that looks at each new text does. Raw / that"
                    + " (the best ratio such a driver reaches here): ").append(floors).append(".\n");
        }
        report.append('\n');
    }

    /** The lowest and highest ratio {@code counter} / proxiedNanos among the measurement iterations. */
    private static String perIteration(RunResult r, String counter) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                double ratio = i.getSecondaryResults().get(counter).getScore()
                        / i.getSecondaryResults().get("proxiedNanos").getScore();
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
            }
        }
        return String.format(Locale.ROOT, "%.3f–%.3f", min, max);
    }

    private static String method(RunResult r) {
        String b = r.getParams().getBenchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }

    private static double score(RunResult r) {
        return r.getPrimaryResult().getScore();
    }

    private static String ns(RunResult r) {
        Result<?> p = r.getPrimaryResult();
        return String.format(Locale.ROOT, p.getScore() >= 100 ? "%.0f ± %.0f" : "%.1f ± %.1f", p.getScore(),
                p.getScoreError());
    }

    private static double secondary(RunResult r, String name) {
        Result<?> s = r.getSecondaryResults().get(name);
        return s == null ? Double.NaN : s.getScore();
    }

    private static String alloc(RunResult r) {
        for (String name : r.getSecondaryResults().keySet()) {
            if (name.endsWith("gc.alloc.rate.norm")) {
                return String.format(Locale.ROOT, "%.0f", secondary(r, name));
            }
        }
        return "?";
    }
}
