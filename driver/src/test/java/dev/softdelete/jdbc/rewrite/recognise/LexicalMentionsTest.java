package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mentions a statement JSqlParser cannot parse is judged by: a token that names a configured table makes it a
 * refusal, none lets it through. Names from the catalog may be outside ASCII, where lower-casing a whole string and
 * comparing ignoring case char by char (as the analysis does) disagree; a mention by either counts.
 */
class LexicalMentionsTest {
    private static LexicalMentions of(String... names) {
        return new LexicalMentions(List.of(names).stream().map(TableName::parse)
                .collect(java.util.stream.Collectors.toList()), false);
    }

    @Test
    void mySqlStringsEndWhereMySqlEndsThem() {
        LexicalMentions mysql = new LexicalMentions(List.of(TableName.parse("items")), true);
        // a\' is an escaped quote for MySQL: the string is 'a\'' and items stands outside it
        assertThat(mysql.firstMention("SELECT 'a\\'', (SELECT count(*) FROM items) FROM t FOR SYSTEM_TIME ALL -- '"))
                .isEqualTo("items");
        assertThat(mysql.firstMention("SELECT 'a\\' items' FROM t")).isNull();
    }

    @Test
    void plainAndQuotedIdentifiersNameATable() {
        LexicalMentions m = of("orders");
        assertThat(m.firstMention("COPY ORDERS TO STDOUT")).isEqualTo("orders");
        assertThat(m.firstMention("COPY \"Orders\" TO STDOUT")).isEqualTo("orders");
        assertThat(m.firstMention("COPY orders_archive TO STDOUT")).as("a plain identifier must equal the name")
                .isNull();
        assertThat(m.firstMention("SELECT 'orders'")).as("a string literal names nothing").isNull();
    }

    /**
     * A keyword is one word: it names a table of its own name only. Containment made BEGIN a mention of a table g,
     * and SET SESSION CHARACTERISTICS ... LEVEL one of tables named ses or ev, refusing them.
     */
    @Test
    void aKeywordNamesOnlyATableOfItsOwnName() {
        assertThat(of("g").firstMention("BEGIN")).isNull();
        assertThat(of("ses", "ev").firstMention("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL"
                + " REPEATABLE READ")).isNull();
        assertThat(of("session").firstMention("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL"
                + " REPEATABLE READ")).isEqualTo("session");
        assertThat(of("level").firstMention("COPY level TO STDOUT")).isEqualTo("level");
        assertThat(of("orders").firstMention("COPY \"shop\".\"orders\" TO STDOUT"))
                .as("a quoted identifier still counts by containment").isEqualTo("orders");
    }

    @Test
    void aQuotedNameOutsideAsciiIsFoundHoweverItIsSpelled() {
        // a final sigma written as the medial one: equal ignoring case, but not after toLowerCase of the whole
        LexicalMentions greek = of("\u0391\u03a1\u03a7\u0395\u0399\u039f\u03a3");
        assertThat(greek.firstMention("COPY \"\u03b1\u03c1\u03c7\u03b5\u03b9\u03bf\u03c3\" TO STDOUT")).isNotNull();
        // U+0130 written as it is configured, and as an ASCII I
        LexicalMentions turkish = of("\u0130_ar\u015fiv");
        assertThat(turkish.firstMention("COPY \"\u0130_ar\u015fiv\" TO STDOUT")).isNotNull();
        assertThat(turkish.firstMention("COPY \"i_AR\u015eIV\" TO STDOUT")).isNotNull();
    }
}
