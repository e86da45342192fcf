package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2's data change delta tables, {@code SELECT id FROM FINAL TABLE (INSERT INTO orders ...) orders}, which jOOQ
 * sends on H2 for {@code returning()} and for {@code store()} of a new record: refused as unparseable before (a
 * probe), they are rewritten now, the statement inside and the query around it apart.
 */
class H2DeltaTableTest {
    private Connection raw;
    private Connection app;

    @BeforeEach
    void open() throws Exception {
        String h2 = TestDatabases.newH2Url();
        raw = DriverManager.getConnection(h2);
        try (Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(10),"
                    + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE plain (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders (id, status) VALUES (1, 'NEW'), (2, 'NEW'), (3, 'NEW')");
        }
        app = DriverManager.getConnection(TestDatabases.softDeleteUrl(h2), TestDatabases.configProperties());
        assertThat(app.createStatement().executeUpdate("DELETE FROM orders WHERE id = 2")).isEqualTo(1);
    }

    @AfterEach
    void close() throws SQLException {
        app.close();
        raw.close();
    }

    @Test
    void theInsertedAndUpdatedRowsAreReturnedAndOnlyLiveOnesAreUpdated() throws SQLException {
        assertThat(ids("SELECT id FROM FINAL TABLE (INSERT INTO orders (id, status) VALUES (4, 'NEW')) orders"))
                .containsExactly(4);
        assertThat(ids("SELECT \"ID\" FROM FINAL TABLE (UPDATE \"PUBLIC\".\"ORDERS\" SET status = 'X'"
                + " WHERE id < 10) \"ORDERS\" ORDER BY 1")).containsExactly(1, 3, 4);
        assertThat(ids("SELECT o.id FROM NEW TABLE (INSERT INTO orders (id) SELECT id + 100 FROM orders) o"
                + " ORDER BY 1")).containsExactly(101, 103, 104);
        // new literals each time: the text's shape, rewritten once, with the literals put back
        for (int bound = 2; bound <= 4; bound++) {
            assertThat(ids("SELECT id FROM FINAL TABLE (UPDATE orders SET status = 'S" + bound + "' WHERE id < "
                    + bound + ") orders ORDER BY 1")).as("below " + bound).containsExactlyElementsOf(
                    bound < 4 ? List.of(1) : List.of(1, 3));
        }
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT status FROM orders WHERE id = 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the deleted order is not updated").isEqualTo("NEW");
        }
    }

    @Test
    void theQueryAroundItIsFilteredToo() throws SQLException {
        assertThat(ids("SELECT p.id FROM FINAL TABLE (INSERT INTO plain VALUES (1), (2), (3)) p"
                + " JOIN orders o ON o.id = p.id ORDER BY 1")).containsExactly(1, 3);
    }

    @Test
    void aSoftDeleteInsideIsRefused() {
        assertThatThrownBy(() -> ids("SELECT id FROM OLD TABLE (DELETE FROM orders WHERE id = 1) orders"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                .hasMessageContaining("delta table");
    }

    private List<Integer> ids(String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
