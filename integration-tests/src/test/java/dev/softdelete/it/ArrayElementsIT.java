package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.CustomerTable;
import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * SQL arrays read or made through the driver. pgjdbc's array hands out its elements as a result set whose statement
 * is on pgjdbc's own connection: {@code getResultSet().getStatement().getConnection()} led past the driver, and a
 * DELETE there removed a configured table's row physically. The driver's arrays give result sets with no statement,
 * as JDBC allows, and go back to pgjdbc as parameters unchanged.
 */
@OnPostgreSQL
class ArrayElementsIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;
    private CustomerTable customers;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        customers = new CustomerTable(database, "sdit_array_customers").recreate(raw);
        customers.insert(raw, 1, "Ada", "north").insert(raw, 2, "Grace", "north");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, customers.name()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS " + customers.name());
        }
    }

    private static void assertNoWayToTheVendorConnection(Array array) throws SQLException {
        try (ResultSet elements = array.getResultSet()) {
            assertThat(elements.getStatement()).isNull();
            assertThat(elements.next()).isTrue();
        }
        try (ResultSet some = array.getResultSet(1, 1)) {
            assertThat(some.getStatement()).isNull();
        }
    }

    @Test
    void anArrayReadThroughTheDriverLeadsToNoVendorStatement() throws Exception {
        try (Statement st = app.createStatement();
             ResultSet rs = st.executeQuery("SELECT ARRAY[id, id + 10] AS ids FROM " + customers.name()
                 + " ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertNoWayToTheVendorConnection(rs.getArray(1));
            assertNoWayToTheVendorConnection(rs.getArray("ids"));
            assertNoWayToTheVendorConnection((Array) rs.getObject(1));
            assertNoWayToTheVendorConnection(rs.getObject(1, Array.class));
            assertThat((Object[]) rs.getArray(1).getArray()).containsExactly(1L, 11L);
        }
        assertThat(customers.stored(raw, 1).present()).isTrue();
    }

    @Test
    void anArrayMadeByTheDriverWorksAsAParameter() throws Exception {
        Array ids = app.createArrayOf("int4", new Object[] {2});
        assertNoWayToTheVendorConnection(ids);
        try (PreparedStatement delete = app.prepareStatement("DELETE FROM " + customers.name() + " WHERE id = ANY (?)")) {
            delete.setArray(1, ids);
            assertThat(delete.executeUpdate()).isEqualTo(1);
            delete.setObject(1, app.createArrayOf("int4", new Object[] {1}));
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(customers.stored(raw, 1).deleted()).isTrue();
        assertThat(customers.stored(raw, 2).deleted()).isTrue();
    }
}
