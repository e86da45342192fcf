package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnMariaDB;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A table on the nullable side of a RIGHT join is read through a filtered derived table, {@code (SELECT * FROM t
 * WHERE <live>) t}, whose {@code SELECT *} leaves out MariaDB's INVISIBLE columns and a system-versioned table's row
 * start and end. A probe read such a column through it: qualified, the statement failed with 1054; unqualified, it
 * bound to an outer table's column of the same name and returned other rows, with no error. The driver reads those
 * columns from the catalog and refuses a statement that names one where the derived table stands.
 */
@OnMariaDB
class HiddenColumnsIT {
    private static final String RIGHT_JOIN = " FROM sdit_hidden_orders o RIGHT JOIN sdit_hidden_plain p"
            + " ON o.customer_id = p.id";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_hidden_orders, sdit_hidden_plain, sdit_hidden_customers",
            "CREATE TABLE sdit_hidden_orders (id INT PRIMARY KEY, customer_id INT,"
                + " secret VARCHAR(10) INVISIBLE DEFAULT 's',"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL) WITH SYSTEM VERSIONING",
            "CREATE TABLE sdit_hidden_plain (id INT PRIMARY KEY)",
            "CREATE TABLE sdit_hidden_customers (id INT PRIMARY KEY, secret VARCHAR(10))",
            "INSERT INTO sdit_hidden_orders (id, customer_id) VALUES (10, 1), (11, 2)",
            "INSERT INTO sdit_hidden_plain VALUES (1), (2)",
            "INSERT INTO sdit_hidden_customers VALUES (1, 'zzz'), (2, 'zzz')");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.writeRaw(dir, "version: 1\n"
            + "tables:\n"
            + "  sdit_hidden_orders: {}\n"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS sdit_hidden_orders, sdit_hidden_plain, sdit_hidden_customers");
        }
    }

    @Test
    void aHiddenColumnNamedWhereTheDerivedTableStandsIsRefused() {
        for (String sql : new String[] {
            "SELECT p.id, o.id, o.secret" + RIGHT_JOIN,
            "SELECT p.id, o.row_end > NOW()" + RIGHT_JOIN,
            // unqualified, in a subquery: without the driver it is the orders row's column; through the derived
            // table it was the outer customer's, 'zzz', and the EXISTS found nothing
            "SELECT c.id FROM sdit_hidden_customers c WHERE EXISTS (SELECT 1" + RIGHT_JOIN + " WHERE secret = 's')"}) {
            assertThatThrownBy(() -> Sql.longs(app, sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                .hasMessageContaining("does not give");
        }
    }

    @Test
    void theSameJoinWithoutThemIsFiltered() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_hidden_orders WHERE id = 11")).isEqualTo(1);

        assertThat(Sql.longs(app, "SELECT p.id" + RIGHT_JOIN + " WHERE o.id IS NOT NULL ORDER BY p.id"))
            .containsExactly(1L);
        assertThat(Sql.longs(raw, "SELECT secret = 's' FROM sdit_hidden_orders WHERE id = 11")).containsExactly(1L);
    }
}
