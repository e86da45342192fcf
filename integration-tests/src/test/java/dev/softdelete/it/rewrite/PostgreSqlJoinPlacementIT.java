package dev.softdelete.it.rewrite;

import dev.softdelete.it.support.OnPostgreSQL;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The join placement check of {@link JoinPlacementFixture} on queries in syntax only PostgreSQL has (MariaDB has
 * neither FULL JOIN nor LATERAL): each must give the answer a hard delete gives.
 */
@OnPostgreSQL
class PostgreSqlJoinPlacementIT extends JoinPlacementFixture {
    static Stream<Query> queries() {
        return Stream.of(
            q("FULL JOIN keeps both kinds of orphans",
                "SELECT c.customer_id, o.id FROM {p}customers c FULL JOIN {p}orders o ON o.customer_id = c.customer_id",
                "4 | NULL", "NULL | 4"),
            q("FULL JOIN USING",
                "SELECT customer_id, c.name, o.id FROM {p}customers c FULL JOIN {p}orders o USING (customer_id)",
                "4 | Barbara | NULL", "3 | NULL | 4"),
            q("LATERAL subquery",
                "SELECT c.customer_id, l.id FROM {p}customers c, LATERAL (SELECT o.id FROM {p}orders o"
                    + " WHERE o.customer_id = c.customer_id ORDER BY o.id DESC LIMIT 1) l", "2 | 7", "7 | 10"),
            q("LEFT JOIN LATERAL",
                "SELECT c.customer_id, l.id FROM {p}customers c LEFT JOIN LATERAL (SELECT o.id FROM {p}orders o"
                    + " WHERE o.customer_id = c.customer_id ORDER BY o.total DESC LIMIT 1) l ON TRUE", "4 | NULL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void sameAnswerAsAHardDelete(Query query) {
        assertSameAnswerAsAHardDelete(query);
    }
}
