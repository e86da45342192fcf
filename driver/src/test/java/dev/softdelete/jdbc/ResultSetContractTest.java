package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.h2.jdbc.JdbcResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ResultSet} through the driver: its statement, reading, scrolling, updating, nested result sets, closing. */
class ResultSetContractTest {
    private Connection connection;
    private Statement statement;

    @BeforeEach
    void open() throws Exception {
        connection = TestDatabases.open();
        statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
        statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(10, 2), "
                + "added DATE, note VARCHAR(20))");
        statement.execute("INSERT INTO items VALUES (1, 'a', 1.50, DATE '2024-01-31', NULL), "
                + "(2, 'b', 2.00, DATE '2024-02-29', 'x')");
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void itsStatementIsTheWrapperThatRanTheQuery() throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM items")) {
            assertThat(rows.getStatement()).isSameAs(statement);
            assertThat(rows.getStatement().getConnection()).isSameAs(connection);
        }
    }

    @Test
    void valuesReadAsTheDelegateReadsThem() throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM items ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("id")).isEqualTo(1);
            assertThat(rows.getString(2)).isEqualTo("a");
            assertThat(rows.getBigDecimal("price")).isEqualByComparingTo(new BigDecimal("1.50"));
            assertThat(rows.getObject("added", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 31));
            assertThat(rows.getString("note")).isNull();
            assertThat(rows.wasNull()).isTrue();
            assertThat(rows.findColumn("NAME")).isEqualTo(2);
            assertThat(rows.getMetaData().getColumnCount()).isEqualTo(5);
        }
    }

    @Test
    void scrollingIsTheDelegates() throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT id FROM items ORDER BY id")) {
            assertThat(rows.last()).isTrue();
            assertThat(rows.getRow()).isEqualTo(2);
            assertThat(rows.previous()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.absolute(2)).isTrue();
            assertThat(rows.isLast()).isTrue();
        }
    }

    @Test
    void updatingARowWritesToTheDatabase() throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT id, name FROM items WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            rows.updateString("name", "renamed");
            rows.updateRow();
        }
        try (ResultSet rows = statement.executeQuery("SELECT name FROM items WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("renamed");
        }
    }

    /**
     * A soft-delete table on the nullable side of a RIGHT JOIN is read through a filtered derived table, and H2 (as
     * MySQL's drivers) then reports the alias as the columns' table. Here the alias names a plain table: the database
     * driver's own DELETE for deleteRow() removed that table's row 11 physically, and left the order alone.
     */
    @Test
    void rowChangesOfAQueryReadThroughADerivedTableAreRefused() throws Exception {
        statement.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
        statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total INT,"
                + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
        statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, total INT)");
        statement.execute("INSERT INTO orders (id, customer_id, total) VALUES (11, 1, 5)");
        statement.execute("INSERT INTO notes VALUES (11, 7)");
        String query = "SELECT notes.id, notes.total FROM customers c RIGHT JOIN orders notes"
                + " ON notes.customer_id = c.id WHERE notes.id = 11";
        try (ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            assertThatThrownBy(rows::deleteRow).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                    .hasMessageContaining("through a filtered derived table");
            rows.updateInt(2, 99);
            assertThatThrownBy(rows::updateRow).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        try (PreparedStatement prepared = connection.prepareStatement(query, ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_UPDATABLE); ResultSet rows = prepared.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThatThrownBy(rows::deleteRow).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
        }
        try (ResultSet rows = statement.executeQuery("SELECT total FROM notes WHERE id = 11")) {
            assertThat(rows.next()).as("the plain table's row is still there").isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
        // a query that needs no derived table: its rows are changed as before
        try (ResultSet rows = statement.executeQuery("SELECT id, total FROM notes WHERE id = 11")) {
            assertThat(rows.next()).isTrue();
            rows.updateInt(2, 8);
            rows.updateRow();
        }
    }

    @Test
    void nestedResultSetsAreWrappedWithTheSameStatement() throws Exception {
        // H2 reads a ROW value as a result set; PostgreSQL does the same for refcursors.
        try (ResultSet rows = statement.executeQuery("SELECT ROW(1, 'a') AS pair")) {
            assertThat(rows.next()).isTrue();
            ResultSet nested = (ResultSet) rows.getObject(1);
            assertThat(nested.getStatement()).isSameAs(statement);
            assertThat(nested.isWrapperFor(JdbcResultSet.class)).isTrue();
            assertThat(rows.getObject(1, ResultSet.class).getStatement()).isSameAs(statement);
            assertThat(((ResultSet) rows.getObject("pair")).getStatement()).isSameAs(statement);
        }
    }

    @Test
    void closingTheWrapperClosesTheDelegate() throws Exception {
        ResultSet rows = statement.executeQuery("SELECT id FROM items");
        JdbcResultSet raw = rows.unwrap(JdbcResultSet.class);

        rows.close();

        assertThat(raw.isClosed()).isTrue();
        assertThat(rows.isClosed()).isTrue();
    }
}
