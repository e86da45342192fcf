package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsNumbersRight() {
        TextTable table = new TextTable(List.of("id", "name"), new boolean[] {true, false});
        table.addRow(List.of("7", "Ada"));
        table.addRow(List.of("1000", "multi\nline"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
            " id   | name",
            "------+------------",
            "    7 | Ada",
            " 1000 | multi line",
            ""));
    }

    @Test
    void cutsLongCells() {
        TextTable table = new TextTable(List.of("v"), new boolean[] {false});
        table.addRow(List.of("x".repeat(100)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(" " + "x".repeat(57) + "...\n");
    }
}
