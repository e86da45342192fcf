package dev.softdelete.cli;

import java.io.PrintStream;
import java.util.Set;

final class InitCommand extends DatabaseCommand {
    static final String NAME = "init";

    InitCommand() {
        super(NAME);
    }

    @Override
    String usage() {
        return "";
    }

    @Override
    Set<String> ownOptions() {
        return Set.of();
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out) {
        return ExitStatus.OK;
    }
}
