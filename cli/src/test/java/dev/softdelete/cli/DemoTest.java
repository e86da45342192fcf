package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo in-process and reads its output. */
class DemoTest {
    private static String output;

    @BeforeAll
    static void runDemo() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new Demo("demo-test", out).run();
        }
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deleteReportsOneRow() {
        assertThat(output).contains("DELETE FROM customers WHERE id = 2").contains("update count: 1");
    }

    @Test
    void deletedCustomerIsHiddenThroughTheDriver() {
        assertThat(output)
            .contains("[driver] 1 | Ada")
            .contains("[driver] 3 | Linus")
            .doesNotContain("[driver] 2 | Grace");
    }

    @Test
    void ordersOfTheDeletedCustomerAreHiddenFromJoins() {
        assertThat(output)
            .contains("[driver] 10 | keyboard | Ada")
            .contains("[driver] 12 | kernel | Linus")
            .doesNotContain("[driver] 11 | compiler | Grace");
    }

    @Test
    void deletedCustomerIsStillStoredAndMarked() {
        assertThat(output)
            .contains("[raw] 1 | Ada | is_deleted=FALSE | deleted_at=null")
            .containsPattern("\\[raw] 2 \\| Grace \\| is_deleted=TRUE \\| deleted_at=\\d{4}-\\d{2}-\\d{2} ")
            .contains("[raw] 3 | Linus | is_deleted=FALSE | deleted_at=null");
    }
}
