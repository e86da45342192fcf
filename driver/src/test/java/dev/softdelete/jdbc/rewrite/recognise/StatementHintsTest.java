package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.Visibility;
import org.junit.jupiter.api.Test;

/**
 * A hint is a leading comment that holds the hint alone. A probe deleted rows physically with a comment that only
 * mentioned it ({@code /* do NOT use softdelete:hard-delete here *}{@code /}) or held it inside another word
 * ({@code nosoftdelete:hard-delete} in a sqlcommenter value).
 */
class StatementHintsTest {
    @Test
    void aCommentHoldingTheHintAloneIsAHint() {
        assertThat(StatementHints.of("/* softdelete:hard-delete */ DELETE FROM t").hardDelete()).isTrue();
        assertThat(StatementHints.of("/*softdelete:hard-delete*/DELETE FROM t").hardDelete()).isTrue();
        assertThat(StatementHints.of("/*\n  softdelete:hard-delete\n*/ DELETE FROM t").hardDelete()).isTrue();
        assertThat(StatementHints.of("-- softdelete:hard-delete\nDELETE FROM t").hardDelete()).isTrue();
        StatementHints two = StatementHints.of("/* softdelete:hard-delete */ /* softdelete:include-deleted */ DELETE");
        assertThat(two.hardDelete()).isTrue();
        assertThat(two.visibility()).isEqualTo(Visibility.INCLUDE_DELETED);
    }

    @Test
    void aCommentThatSaysMoreIsNoHint() {
        for (String sql : new String[] {"/* do NOT use softdelete:hard-delete here */ DELETE FROM t",
            "/* route='/admin/nosoftdelete:hard-delete/off' */ DELETE FROM t",
            "/* softdelete:hard-delete, please */ DELETE FROM t", "-- see softdelete:hard-delete\nDELETE FROM t",
            "/* softdelete:include-deleted softdelete:hard-delete */ DELETE FROM t",
            "DELETE FROM t /* softdelete:hard-delete */"}) {
            assertThat(StatementHints.of(sql).hardDelete()).as(sql).isFalse();
        }
        assertThat(StatementHints.of("/* x softdelete:include-deleted */ SELECT 1")).isSameAs(StatementHints.NONE);
    }

    @Test
    void aHintInsideAnotherCommentIsNoHint() {
        // probes: a "--" line inside a block comment, and a hint commented out by a comment around it (PostgreSQL
        // and H2 nest block comments), deleted rows physically
        for (String sql : new String[] {"/* note:\n-- softdelete:hard-delete\nis not wanted */ DELETE FROM t",
            "/* /* softdelete:hard-delete */ */ DELETE FROM t",
            "/* a /* b */ /* softdelete:hard-delete */ */ DELETE FROM t",
            "-- /* softdelete:hard-delete */\nDELETE FROM t", "/* /* softdelete:hard-delete */ DELETE FROM t"}) {
            assertThat(StatementHints.of(sql).hardDelete()).as(sql).isFalse();
        }
        assertThat(StatementHints.of("/* /* softdelete:include-deleted */ */ SELECT 1")).isSameAs(StatementHints.NONE);
        assertThat(StatementHints.of("/* x */ /* softdelete:hard-delete */ DELETE FROM t").hardDelete()).isTrue();
    }

    @Test
    void aHintThatMySqlReadsInsideALineCommentIsNoHint() {
        // probe: on MariaDB these deleted rows physically; a line comment ends at \n only there, and a block
        // comment at its first closing
        for (String sql : new String[] {"-- old note\r/* softdelete:hard-delete */\nDELETE FROM t",
            "# x\r/* softdelete:hard-delete */\nDELETE FROM t",
            "/* /* */ -- */ /* softdelete:hard-delete */\nDELETE FROM t"}) {
            assertThat(StatementHints.of(sql).hardDelete()).as(sql).isFalse();
        }
        assertThat(StatementHints.of("-- x\r/* softdelete:include-deleted */\nSELECT 1")).isSameAs(StatementHints.NONE);
        assertThat(StatementHints.of("-- note\r\n/* softdelete:hard-delete */ DELETE FROM t").hardDelete()).isTrue();
    }

    @Test
    void aCarriageReturnEndsTheLeadingLineComment() {
        // PostgreSQL and H2 end "--" at \r: the DELETE is the first token, the comment after it no hint
        assertThat(StatementHints.of("--x\rDELETE FROM items WHERE id = 10 /* softdelete:hard-delete */").hardDelete())
                .isFalse();
        assertThat(StatementHints.of("--x\rSELECT 1 FROM items /* softdelete:include-deleted */").visibility())
                .isNull();
        assertThat(StatementHints.of("-- x\r\n/* softdelete:hard-delete */ DELETE FROM items").hardDelete()).isTrue();
    }
}
