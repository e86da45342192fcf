package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import org.junit.jupiter.api.Test;

/** The lexer pass that turns literals into placeholders, and puts them back. */
class LiteralShapeTest {

    private static String shape(String sql, Dialect dialect) {
        LiteralShape s = LiteralShape.of(sql, dialect);
        return s == null ? null : s.text();
    }

    private static String pg(String sql) {
        return shape(sql, Dialect.POSTGRESQL);
    }

    private static String my(String sql) {
        return shape(sql, Dialect.MARIADB);
    }

    @Test
    void numbersAndStringsBecomePlaceholders() {
        assertThat(pg("SELECT * FROM orders WHERE id = 42 AND note = 'it''s' AND total > 1.5e3"))
                .isEqualTo("SELECT * FROM orders WHERE id = ? AND note = ? AND total > ?");
        assertThat(pg("INSERT INTO orders (id, note) VALUES (1, 'a'), (-2, '')"))
                .isEqualTo("INSERT INTO orders (id, note) VALUES (?, ?), (-?, ?)");
        assertThat(pg("SELECT * FROM orders WHERE id IN (1,2,3) AND x BETWEEN 4 AND 5"))
                .isEqualTo("SELECT * FROM orders WHERE id IN (?,?,?) AND x BETWEEN ? AND ?");
        assertThat(pg("select o1_0.id from orders o1_0 where o1_0.customer_id=7"))
                .isEqualTo("select o1_0.id from orders o1_0 where o1_0.customer_id=?");
    }

    @Test
    void mySqlStringsTakeBackslashEscapes() {
        assertThat(my("SELECT * FROM orders WHERE note = 'it\\'s' AND id = ?"))
                .isEqualTo("SELECT * FROM orders WHERE note = ? AND id = ?");
        assertThat(my("SELECT * FROM orders WHERE note = 'a\\\\' AND id = 3"))
                .isEqualTo("SELECT * FROM orders WHERE note = ? AND id = ?");
        assertThat(my("SELECT * FROM orders LIMIT 10, 20")).isEqualTo("SELECT * FROM orders LIMIT ?, ?");
    }

    @Test
    void commentsQuotedIdentifiersAndTypedLiteralsStayAsWritten() {
        assertThat(pg("/* 1 'x' */ SELECT \"a 1\" FROM orders -- 2\nWHERE id = 3"))
                .isEqualTo("/* 1 'x' */ SELECT \"a 1\" FROM orders -- 2\nWHERE id = ?");
        assertThat(pg("SELECT CAST(x AS VARCHAR(10)) FROM orders WHERE d > DATE '2024-01-01' AND id = 1"))
                .isEqualTo("SELECT CAST(x AS VARCHAR(10)) FROM orders WHERE d > DATE '2024-01-01' AND id = ?");
        assertThat(pg("SELECT * FROM orders ORDER BY 1 LIMIT 5"))
                .isEqualTo("SELECT * FROM orders ORDER BY 1 LIMIT ?");
        assertThat(pg("SELECT * FROM orders WHERE note = N'x' AND id = 1"))
                .isEqualTo("SELECT * FROM orders WHERE note = N'x' AND id = ?");
    }

    @Test
    void aCarriageReturnEndsALineCommentOutsideMySql() {
        // PostgreSQL and H2 end "--" at \r: the quote after it opens a string there, and what follows its close is code
        String sql = "SELECT -- c\r'a\n', (SELECT count(*) FROM items) ,'\n-- x\r'\nFROM customers";
        String shape = pg(sql);
        assertThat(shape).isNotEqualTo("SELECT -- c\r'a\n?\n-- x\r'\nFROM customers");
        assertThat(shape).isEqualTo("SELECT -- c\r?, (SELECT count(*) FROM items) ,?\nFROM customers");
        assertThat(shape(sql, Dialect.H2)).isEqualTo(shape);
        // MySQL runs the comment on to the line feed
        assertThat(my("SELECT id FROM orders WHERE id = 1 -- c\r'x\n AND id = 2"))
                .isEqualTo("SELECT id FROM orders WHERE id = ? -- c\r'x\n AND id = ?");
        assertThat(pg("SELECT id FROM orders -- c\r\nWHERE id = 2")).isEqualTo("SELECT id FROM orders -- c\r\nWHERE id = ?");
    }

    @Test
    void anythingInDoubtIsLeftToTheExactPath() {
        assertThat(pg("SELECT $$x$$ FROM orders WHERE id = 1")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE id = $1 AND x = 2")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE note = E'it\\'s' AND id = 1")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE note = 'unterminated")).isNull();
        assertThat(pg("SELECT * FROM orders /* unterminated")).isNull();
        assertThat(pg("SELECT * FROM orders /* a /* nested */ */ WHERE id = 1")).isNull();
        assertThat(my("SELECT * FROM orders WHERE id = 1 # comment")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE id = 0x1F")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE id = ? 1")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE data ? 'key'")).isNull();
        assertThat(pg("SELECT * FROM orders /* ? */ WHERE id = 1")).isNull();
        assertThat(pg("SELECT {fn now()} FROM orders WHERE id = 1")).isNull();
        assertThat(pg("SET x = 1")).isNull();
        assertThat(pg("CREATE TABLE t (id INT DEFAULT 1)")).isNull();
        assertThat(pg("SELECT * FROM orders WHERE id = ?")).as("nothing to replace").isNull();
    }

    @Test
    void aPlaceholderIsNeverGluedToWhatCouldMakeAnOperator() {
        assertThat(pg("SELECT * FROM orders WHERE a = 5|3")).isEqualTo("SELECT * FROM orders WHERE a = 5|?");
        assertThat(pg("SELECT * FROM orders WHERE a = 5-3")).isEqualTo("SELECT * FROM orders WHERE a = 5-?");
        assertThat(pg("SELECT count(*) * 2 FROM orders WHERE id = 1"))
                .isEqualTo("SELECT count(*) * 2 FROM orders WHERE id = ?");
    }

    @Test
    void limitAndThenTakeAPlaceholderOnlyWhenNothingCouldFollowAsAnOperand() {
        assertThat(pg("SELECT * FROM orders LIMIT 10 OFFSET 20"))
                .isEqualTo("SELECT * FROM orders LIMIT 10 OFFSET ?");
        assertThat(pg("SELECT CASE WHEN a = 1 THEN 'x' ELSE 'y' END FROM orders"))
                .isEqualTo("SELECT CASE WHEN a = ? THEN ? ELSE ? END FROM orders");
        assertThat(pg("SELECT CASE WHEN a = 1 THEN 'x' END FROM orders"))
                .isEqualTo("SELECT CASE WHEN a = ? THEN 'x' END FROM orders");
        assertThat(pg("SELECT * FROM orders LIMIT 'x'")).isNull();
    }

    @Test
    void literalsGoBackWhereTheyWere() {
        String sql = "SELECT * FROM orders WHERE note = 'a?b' AND id = ? AND total > 12";
        LiteralShape s = LiteralShape.of(sql, Dialect.POSTGRESQL);
        assertThat(s.text()).isEqualTo("SELECT * FROM orders WHERE note = ? AND id = ? AND total > ?");
        assertThat(s.literalCount()).isEqualTo(2);
        assertThat(s.literal(0)).isEqualTo("'a?b'");
        assertThat(s.reinsert("SELECT * FROM orders WHERE (note = ? AND id = ? AND total > ?) AND live"))
                .isEqualTo("SELECT * FROM orders WHERE (note = 'a?b' AND id = ? AND total > 12) AND live");
        assertThat(s.reinsert("SELECT ? AS `?` FROM orders WHERE note = ? AND id = ? AND total > ?"))
                .as("a copied marker: the count differs").isNull();
        assertThat(s.reinsert("SELECT 1")).isNull();
    }
}
