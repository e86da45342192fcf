package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnEachDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the driver puts the live predicate decides whether a query's answer is the one a hard delete would give.
 * Each query here, in syntax both databases have, must give the answer a hard delete gives (the check and the rows:
 * {@link JoinPlacementFixture}). FULL JOIN and LATERAL, which only PostgreSQL has: {@link PostgreSqlJoinPlacementIT}.
 */
@OnEachDatabase
class JoinPlacementIT extends JoinPlacementFixture {
    static Stream<Query> queries() {
        return Stream.of(
            q("LEFT JOIN keeps a live parent whose only children are deleted",
                "SELECT c.customer_id, o.id FROM {p}customers c LEFT JOIN {p}orders o ON o.customer_id = c.customer_id",
                "4 | NULL", "6 | NULL"),
            q("LEFT JOIN with an OR in WHERE on the preserved side",
                "SELECT c.customer_id, o.id FROM {p}customers c LEFT JOIN {p}orders o ON o.customer_id = c.customer_id"
                    + " WHERE c.country = 'DE' OR c.country = 'US'", "4 | NULL"),
            q("LEFT JOIN anti-join: parents without live children",
                "SELECT c.customer_id FROM {p}customers c LEFT JOIN {p}orders o ON o.customer_id = c.customer_id"
                    + " WHERE o.id IS NULL", "4", "6"),
            q("LEFT JOIN counts no deleted children",
                "SELECT c.customer_id, COUNT(o.id) AS n FROM {p}customers c LEFT JOIN {p}orders o"
                    + " ON o.customer_id = c.customer_id GROUP BY c.customer_id", "4 | 0"),
            q("LEFT JOIN chain into a timestamp-only table",
                "SELECT c.customer_id, o.id, r.id AS review FROM {p}customers c"
                    + " LEFT JOIN {p}orders o ON o.customer_id = c.customer_id"
                    + " LEFT JOIN {p}reviews r ON r.order_id = o.id", "1 | 1 | 1", "1 | 2 | NULL"),
            q("RIGHT JOIN keeps a live child whose parent is deleted",
                "SELECT c.customer_id, o.id FROM {p}customers c RIGHT JOIN {p}orders o ON o.customer_id = c.customer_id",
                "NULL | 4", "NULL | 12"),
            q("RIGHT JOIN keeps a live parent whose only children are deleted",
                "SELECT c.customer_id, o.id FROM {p}orders o RIGHT JOIN {p}customers c ON o.customer_id = c.customer_id",
                "4 | NULL"),
            q("RIGHT JOIN after an inner join",
                "SELECT o.id, r.id AS review, c.customer_id FROM {p}orders o JOIN {p}reviews r ON r.order_id = o.id"
                    + " RIGHT JOIN {p}customers c ON c.customer_id = o.customer_id", "NULL | NULL | 4"),
            q("OR in WHERE does not leak deleted rows",
                "SELECT customer_id FROM {p}customers WHERE name = 'Alan' OR country = 'DE'", "1", "6"),
            q("OR and AND in WHERE keep their precedence",
                "SELECT id FROM {p}orders WHERE total > 100 OR note IS NULL AND customer_id = 4", "2", "4"),
            q("OR in an inner join's ON",
                "SELECT c.customer_id, o.id FROM {p}customers c JOIN {p}orders o"
                    + " ON o.customer_id = c.customer_id OR o.total > 250", "1 | 12"),
            q("OR in a LEFT JOIN's ON",
                "SELECT c.customer_id, o.id FROM {p}customers c LEFT JOIN {p}orders o"
                    + " ON o.customer_id = c.customer_id OR o.note = 'x'", "4 | NULL"),
            q("comma join with an OR",
                "SELECT c.customer_id, o.id FROM {p}customers c, {p}orders o"
                    + " WHERE o.customer_id = c.customer_id OR o.total = 300", "1 | 12"),
            q("JOIN ... USING",
                "SELECT customer_id, c.name, o.id FROM {p}customers c JOIN {p}orders o USING (customer_id)",
                "1 | Ada | 2"),
            q("LEFT JOIN ... USING",
                "SELECT customer_id, c.name, o.id FROM {p}customers c LEFT JOIN {p}orders o USING (customer_id)",
                "4 | Barbara | NULL"),
            q("RIGHT JOIN ... USING",
                "SELECT customer_id, c.name, o.id FROM {p}customers c RIGHT JOIN {p}orders o USING (customer_id)",
                "3 | NULL | 4"),
            q("NATURAL JOIN",
                "SELECT id, name, total FROM {p}products NATURAL JOIN {p}orders", "1 | Pen | 5"),
            q("NATURAL LEFT JOIN",
                "SELECT id, name, total FROM {p}products NATURAL LEFT JOIN {p}orders", "3 | Pad | NULL"),
            q("NATURAL RIGHT JOIN",
                "SELECT id, name, total FROM {p}products NATURAL RIGHT JOIN {p}orders", "12 | NULL | 300"),
            q("subquery in WHERE: IN",
                "SELECT customer_id FROM {p}customers WHERE customer_id IN"
                    + " (SELECT customer_id FROM {p}orders WHERE total > 10)", "1"),
            q("subquery in WHERE: NOT IN",
                "SELECT customer_id FROM {p}customers WHERE customer_id NOT IN"
                    + " (SELECT customer_id FROM {p}orders WHERE customer_id IS NOT NULL)", "4", "6"),
            q("subquery in the SELECT list",
                "SELECT c.customer_id, (SELECT COUNT(*) FROM {p}orders o WHERE o.customer_id = c.customer_id) AS n"
                    + " FROM {p}customers c", "4 | 0"),
            q("subquery in HAVING",
                "SELECT customer_id, COUNT(*) AS n FROM {p}orders GROUP BY customer_id"
                    + " HAVING COUNT(*) >= (SELECT COUNT(*) FROM {p}reviews WHERE stars = 5)", "1 | 2"),
            q("subquery in ON",
                "SELECT c.customer_id, o.id FROM {p}customers c JOIN {p}orders o"
                    + " ON o.customer_id = c.customer_id AND o.id IN (SELECT order_id FROM {p}reviews)", "1 | 1"),
            q("EXISTS",
                "SELECT c.customer_id FROM {p}customers c WHERE EXISTS"
                    + " (SELECT 1 FROM {p}orders o WHERE o.customer_id = c.customer_id)", "1", "2", "7"),
            q("NOT EXISTS",
                "SELECT c.customer_id FROM {p}customers c WHERE NOT EXISTS"
                    + " (SELECT 1 FROM {p}orders o WHERE o.customer_id = c.customer_id)", "4", "6"),
            q("EXISTS with an OR inside",
                "SELECT c.customer_id FROM {p}customers c WHERE EXISTS (SELECT 1 FROM {p}orders o"
                    + " WHERE o.customer_id = c.customer_id AND o.total > 100 OR o.note = 'x')", "1"),
            q("CTE named like a configured table reads the table inside",
                "WITH {p}orders AS (SELECT * FROM {p}orders WHERE total > 10) SELECT id, customer_id FROM {p}orders",
                "2 | 1"),
            q("CTE named like a configured table hides it outside",
                "WITH {p}orders AS (SELECT customer_id AS id, name FROM {p}customers) SELECT id, name FROM {p}orders",
                "4 | Barbara"),
            q("CTE joined to a configured table",
                "WITH big AS (SELECT * FROM {p}orders WHERE total > 10) SELECT c.customer_id, big.id"
                    + " FROM {p}customers c LEFT JOIN big ON big.customer_id = c.customer_id", "4 | NULL"),
            q("UNION",
                "SELECT customer_id FROM {p}customers UNION SELECT customer_id FROM {p}orders", "99"),
            q("UNION ALL with ORDER BY",
                "SELECT customer_id FROM {p}customers WHERE customer_id < 5 UNION ALL"
                    + " SELECT customer_id FROM {p}orders ORDER BY 1", "99"),
            q("EXCEPT",
                "SELECT customer_id FROM {p}customers EXCEPT SELECT customer_id FROM {p}orders", "4", "6"),
            q("INTERSECT",
                "SELECT customer_id FROM {p}customers INTERSECT SELECT customer_id FROM {p}orders", "1"),
            q("derived table",
                "SELECT x.customer_id, x.n FROM (SELECT customer_id, COUNT(*) AS n FROM {p}orders"
                    + " GROUP BY customer_id) x", "2 | 1"),
            q("derived table on the nullable side of a LEFT JOIN",
                "SELECT c.customer_id, x.n FROM {p}customers c LEFT JOIN (SELECT customer_id, COUNT(*) AS n"
                    + " FROM {p}orders GROUP BY customer_id) x ON x.customer_id = c.customer_id", "4 | NULL"),
            q("nested derived tables",
                "SELECT y.id FROM (SELECT x.id FROM (SELECT id, total FROM {p}orders) x WHERE x.total > 10) y",
                "12"),
            q("parenthesised join on the nullable side",
                "SELECT c.customer_id, o.id, r.id AS review FROM {p}customers c"
                    + " LEFT JOIN ({p}orders o JOIN {p}reviews r ON r.order_id = o.id) ON o.customer_id = c.customer_id",
                "1 | 1 | 1", "4 | NULL | NULL"),
            q("self join through a deleted referrer",
                "SELECT a.customer_id, b.customer_id AS referrer FROM {p}customers a"
                    + " LEFT JOIN {p}customers b ON b.customer_id = a.referrer", "4 | NULL", "2 | 1"),
            q("aggregate over the whole table",
                "SELECT COUNT(*) AS n, SUM(total) AS s FROM {p}orders", "7 | 599"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void sameAnswerAsAHardDelete(Query query) {
        assertSameAnswerAsAHardDelete(query);
    }

    @Test
    void queriesOnThePlainTablesBehaveAsWithoutTheDriver() throws Exception {
        String query = twins.hard("SELECT c.customer_id, o.id FROM {p}customers c LEFT JOIN {p}orders o"
            + " ON o.customer_id = c.customer_id");
        assertThat(Execution.run(app, query, List.of()).results())
            .isEqualTo(Execution.run(raw, query, List.of()).results());
    }

    /**
     * On MariaDB an unaliased expression column is labelled with the expression's text as sent. The driver sends
     * the subquery with the live predicate added, and keeps the label by aliasing the column with its original
     * text.
     */
    @Test
    void unaliasedExpressionColumnKeepsItsLabel() throws Exception {
        String sql = twins.soft("SELECT (SELECT COUNT(*) FROM {p}orders o WHERE o.customer_id = c.customer_id)"
            + " FROM {p}customers c WHERE c.customer_id = 1");
        assertThat(label(app, sql)).isEqualTo(label(raw, sql));
    }

    private static String label(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.getMetaData().getColumnLabel(1);
        }
    }
}
