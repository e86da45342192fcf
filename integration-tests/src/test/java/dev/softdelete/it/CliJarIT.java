package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.BuiltJar;
import dev.softdelete.it.support.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command: {@code java -jar cli/target/softdelete-cli.jar demo}, on the jar as packaged. */
class CliJarIT {
    @Test
    void packagedDemoHidesTheDeletedCustomerButKeepsItStored() throws Exception {
        ChildJvm.Result result = ChildJvm.runJar(BuiltJar.CLI.path(), List.of("demo"), 120);

        assertThat(result.exitCode()).as("exit status; output:%n%s", result.output()).isZero();
        assertThat(result.output())
            .contains("[driver] 1 | Ada")
            .doesNotContain("[driver] 2 | Grace")
            .containsPattern("\\[raw] 2 \\| Grace \\| is_deleted=TRUE \\| deleted_at=\\d{4}-");
    }
}
