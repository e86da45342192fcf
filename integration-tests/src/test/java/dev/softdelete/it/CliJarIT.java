package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.BuiltJar;
import dev.softdelete.it.support.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command: {@code java -jar cli/target/softdelete-cli.jar demo}, on the jar as packaged. */
class CliJarIT {
    @Test
    void packagedDemoHidesDeletedRowsRestoresOneEventAndPurges() throws Exception {
        ChildJvm.Result result = ChildJvm.runJar(BuiltJar.CLI.path(), List.of("demo"), 120);

        assertThat(result.exitCode()).as("exit status; output:%n%s", result.output()).isZero();
        assertThat(result.output())
            .as("the join hides Grace and her orders")
            .contains("  [driver] Ada | keyboard\n  [driver] Linus | kernel\n")
            .as("include-deleted shows her, marked")
            .contains("  [driver] 2 | Grace | true\n")
            .as("UNDELETE restores her and the order of her delete event")
            .contains("  [driver] Ada | keyboard\n  [driver] Grace | compiler\n  [driver] Linus | kernel\n")
            .as("the purge removes the order deleted on its own")
            .contains("  orders: 1 row purged")
            .contains("  [raw] 2 | Grace | false | null")
            .doesNotContain("[raw] 12 |");
    }
}
