package dev.softdelete.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of {@code softdelete-cli.jar}: picks the subcommand named by the first argument. With no argument it
 * runs {@code demo}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the subcommand named by {@code args[0]}; returns the process exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "demo":
                return Demo.runCommand(rest, out, err);
            case "help":
            case "-h":
            case "--help":
                usage(out);
                return 0;
            default:
                err.println("softdelete-cli: unknown command '" + command + "'");
                usage(err);
                return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar softdelete-cli.jar [command]");
        out.println();
        out.println("commands:");
        out.println("  demo   a short tour of soft delete on in-memory H2 (the default)");
        out.println("  help   this text");
    }
}
