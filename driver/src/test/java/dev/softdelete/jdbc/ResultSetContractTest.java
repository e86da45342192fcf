package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
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
