package dev.softdelete.it.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a fresh JVM (the test's own {@code java}) on a single source file ({@code java -cp ... Probe.java}, the JDK's
 * source launcher) or a runnable jar, with exactly the class path given: nothing of the test's own.
 */
public final class ChildJvm {
    /** Exit status and combined stdout/stderr of a finished child. */
    public record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /** Runs {@code source} with {@code classPath}; kills the child after {@code timeoutSeconds}. */
    public static Result runSource(List<Path> classPath, Path source, List<String> args, long timeoutSeconds)
        throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        arguments.add("-cp");
        arguments.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        arguments.add(source.toString());
        arguments.addAll(args);
        return run(arguments, timeoutSeconds);
    }

    /** Runs {@code java -jar jar args...}; kills the child after {@code timeoutSeconds}. */
    public static Result runJar(Path jar, List<String> args, long timeoutSeconds)
        throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-jar", jar.toString()));
        arguments.addAll(args);
        return run(arguments, timeoutSeconds);
    }

    private static Result run(List<String> arguments, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Nothing may widen the class path or change the JVM behind our back.
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not finish within " + timeoutSeconds + " s: " + command
                + "\noutput so far:\n" + output.getNow("(unavailable)"));
        }
        return new Result(process.exitValue(), output.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read output: " + e + ")";
        }
    }
}
