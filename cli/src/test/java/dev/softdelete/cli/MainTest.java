package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Subcommand dispatch and usage errors; the commands themselves have their own tests. */
class MainTest {
    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("demo").contains("check").contains("list").contains("undelete")
            .contains("purge").contains("SOFTDELETE_PASSWORD");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown command 'frobnicate'").contains("usage:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "check                                          | option --url is required",
        "check --url                                    | option --url needs a value",
        "check --url jdbc:h2:mem:x --bogus 1            | unknown option --bogus",
        "check --url jdbc:h2:mem:x orders               | unexpected argument 'orders'",
        "check --url postgres://db/shop                 | needs a JDBC URL",
        "check --url jdbc:softdelete:softdelete:h2:mem:x | names the soft-delete driver twice",
        "list --url jdbc:h2:mem:x                       | expected <table>, got nothing",
        "list a b --url jdbc:h2:mem:x                   | expected <table>, got a b",
        "list a --url jdbc:h2:mem:x --limit none        | option --limit needs a positive whole number",
        "list a --url jdbc:h2:mem:x --older-than 1d     | unknown option --older-than",
        "undelete --url jdbc:h2:mem:x                   | expected <table>, got nothing",
        "undelete a --url jdbc:h2:mem:x --limit 1       | unknown option --limit",
        "purge --url jdbc:h2:mem:x                      | give exactly one of --older-than and --before",
        "purge --url jdbc:h2:mem:x --older-than 1d --before 2024-01-01 | give exactly one of",
        "purge --url jdbc:h2:mem:x --older-than soon    | --older-than needs an age like 90d",
        "purge --url jdbc:h2:mem:x --before someday     | --before needs an ISO timestamp",
        "purge --url jdbc:h2:mem:x --older-than 1d --batch-size 0 | option --batch-size needs a positive whole",
    })
    void argumentErrorsExitWithTwoAndPrintTheUsage(String commandLine, String message) {
        String[] args = commandLine.trim().split("\\s+");
        CliRun run = CliRun.of(args);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("softdelete-cli " + args[0] + ": ").contains(message)
            .contains("usage: java -jar softdelete-cli.jar " + args[0]);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"check", "list", "undelete", "purge"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("usage: java -jar softdelete-cli.jar " + command).contains("--url")
            .contains("--config");
    }
}
