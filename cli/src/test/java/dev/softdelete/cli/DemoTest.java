package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo in-process and reads its output, and what the driver logged it sent meanwhile. */
class DemoTest {
    private static String output;
    private static final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void runDemo() throws Exception {
        Logger statements = Logger.getLogger("dev.softdelete.jdbc.statements");
        Level previous = statements.getLevel();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        statements.setLevel(Level.FINE);
        statements.addHandler(handler);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new Demo("demo-test", out).run();
        } finally {
            statements.removeHandler(handler);
            statements.setLevel(previous);
        }
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyStatementTheDriverSentIsPrintedAsTheDriversText() {
        List<String> sent = new ArrayList<>();
        for (String record : logged) {
            for (String line : record.split("\n")) {
                // every statement the driver ran: the rewrite, cascades, checks, the steps of a restore
                if (line.startsWith("    ") && !line.startsWith("    started") && line.contains(": ")) {
                    sent.add(line.substring(line.indexOf(": ") + 2));
                }
            }
        }
        assertThat(logged).as("rewrites logged").hasSize(6);
        assertThat(sent).as("statements, cascades, restores of children and checks").hasSize(9).allSatisfy(sql -> assertThat(
            output.contains("  driver       " + sql + "\n") || output.contains(". " + sql + "\n"))
            .as("printed as a statement the driver sends: %s", sql).isTrue());
    }

    @Test
    void theDeleteWithItsCascadeIsExplainedAndCountsOneRow() {
        assertThat(output)
            .contains("4. Grace is deleted")
            .contains("  application  DELETE FROM customers WHERE id = 2\n"
                + "  driver       1. SELECT SET(@softdelete_event_at, ?)")
            .contains("               2. UPDATE customers SET is_deleted = TRUE")
            // the cascade follows the foreign key of orders, so it names the key's tables as the catalog does
            .contains("               3. UPDATE PUBLIC.ORDERS SET is_deleted = TRUE")
            .contains("                  (cascade)\n")
            .as("the foreign key of orders, read from the catalog, needs no check: the cascade takes its rows")
            .doesNotContain("               4. SELECT CUSTOMER_ID FROM PUBLIC.ORDERS");
        assertThat(output.split("update count: 1\n", -1)).hasSize(4);
    }

    @Test
    void theJoinHidesTheDeletedCustomerAndOrders() {
        String step5 = section("5. ", "6. ");
        assertThat(step5)
            .contains("  driver       SELECT c.name, o.item FROM customers c JOIN orders o ON (o.customer_id = c.id)"
                + " AND o.is_deleted = FALSE WHERE c.is_deleted = FALSE ORDER BY o.id")
            .contains("[driver] Ada | keyboard\n  [driver] Linus | kernel\n")
            .doesNotContain("Grace");
    }

    @Test
    void theHintsShowAllRowsOrOnlyTheDeletedOnes() {
        assertThat(section("6. ", "7. "))
            .contains("  driver       sends it as written, byte for byte")
            .contains("[driver] 1 | Ada | false\n  [driver] 2 | Grace | true\n  [driver] 3 | Linus | false\n");
        assertThat(section("7. ", "8. "))
            .contains("FROM orders WHERE orders.is_deleted = TRUE ORDER BY id")
            .containsPattern("\\[driver] 11 \\| compiler \\| \\d{4}-\\d{2}-\\d{2} ")
            .containsPattern("\\[driver] 12 \\| manual \\| \\d{4}-\\d{2}-\\d{2} ")
            .doesNotContain("keyboard");
    }

    @Test
    void undeleteRestoresExactlyGracesDeleteEvent() {
        assertThat(section("8. ", "9. "))
            .contains("(restore the rows)")
            .contains("(restore the children deleted by the same events)")
            .contains("[driver] Ada | keyboard\n  [driver] Grace | compiler\n  [driver] Linus | kernel\n")
            .doesNotContain("| manual");
    }

    @Test
    void thePurgeRemovesOnlyTheManualForGood() {
        assertThat(section("9. ", "10. "))
            .contains("/* softdelete:hard-delete */ /* softdelete:include-deleted */ DELETE FROM orders")
            .contains("  driver       sends it as written, byte for byte")
            .contains("  orders: 1 row purged");
        assertThat(section("10. ", "Done:"))
            .contains("[raw] 2 | Grace | false | null")
            .contains("[raw] 11 | 2 | compiler | false | null")
            .doesNotContain("| manual");
    }

    private static String section(String from, String to) {
        int start = output.indexOf("\n" + from);
        int end = output.indexOf("\n" + to, start + 1);
        assertThat(start).as("step " + from).isNotNegative();
        assertThat(end).as("step " + to).isGreaterThan(start);
        return output.substring(start, end);
    }
}
