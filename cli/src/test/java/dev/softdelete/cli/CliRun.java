package dev.softdelete.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of the command line: its exit status and what it printed. */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        return withEnvironment(Map.of(), args);
    }

    static CliRun withEnvironment(Map<String, String> environment, String... args) {
        return run("", environment, args);
    }

    /** A run with {@code input} on standard input. */
    static CliRun withInput(String input, String... args) {
        return run(input, Map.of(), args);
    }

    private static CliRun run(String input, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            environment);
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
