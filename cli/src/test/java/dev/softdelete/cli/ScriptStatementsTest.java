package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code explain} cuts standard input into statements. */
class ScriptStatementsTest {

    private static List<String> sql(String script) {
        return ScriptStatements.split(script).stream().map(s -> s.sql).toList();
    }

    @Test
    void aStatementEndsWithTheLineThatEndsWithASemicolon() {
        assertThat(sql("SELECT 1;\nDELETE FROM orders\n  WHERE id = 2 ;  \n\nSELECT 3"))
            .containsExactly("SELECT 1", "DELETE FROM orders\n  WHERE id = 2", "SELECT 3");
    }

    @Test
    void eachStatementKnowsItsFirstLine() {
        List<ScriptStatements.Statement> statements = ScriptStatements.split("\n\nSELECT 1;\r\n\r\nSELECT\n2;\n");

        assertThat(statements).extracting(s -> s.line).containsExactly(3, 5);
        assertThat(statements).extracting(s -> s.sql).containsExactly("SELECT 1", "SELECT\n2");
    }

    @Test
    void aSemicolonInsideALineIsLeftToTheDriver() {
        assertThat(sql("SELECT ';' FROM t; SELECT 2\nSELECT 3;"))
            .containsExactly("SELECT ';' FROM t; SELECT 2\nSELECT 3");
    }

    @Test
    void commentsStayWithTheirStatementAndBlankChunksAreSkipped() {
        assertThat(sql("/* softdelete:include-deleted */\nSELECT * FROM orders;\n;\n   \n"))
            .containsExactly("/* softdelete:include-deleted */\nSELECT * FROM orders");
        assertThat(sql("")).isEmpty();
    }
}
