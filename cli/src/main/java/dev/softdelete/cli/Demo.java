package dev.softdelete.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A short tour of the driver on in-memory H2: the application's connection goes through
 * {@code jdbc:softdelete:h2:mem:...}, a DELETE on a configured table marks the row instead of removing it, and a
 * plain H2 connection to the same database shows what is really stored.
 */
public final class Demo {
    /** The demo configuration, shipped in the jar. */
    public static final String CONFIG = "classpath:softdelete-demo.yml";

    private final String database;
    private final PrintStream out;

    /**
     * @param database name of the in-memory H2 database; it must not exist yet in this JVM
     * @param out      where the tour is printed
     */
    public Demo(String database, PrintStream out) {
        this.database = database;
        this.out = out;
    }

    public static void main(String[] args) {
        int status = runCommand(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the tour on the database {@code demo}; returns the process exit status. */
    static int runCommand(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            err.println("softdelete-cli demo: takes no arguments");
            return 2;
        }
        try {
            new Demo("demo", out).run();
            return 0;
        } catch (SQLException e) {
            err.println("softdelete-cli demo: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
            return 1;
        }
    }

    /** The URL the application uses: the H2 URL with {@code softdelete:} after {@code jdbc:}. */
    public String driverUrl() {
        return "jdbc:softdelete:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    /** A plain H2 URL to the same in-memory database, bypassing the driver. */
    public String rawUrl() {
        return "jdbc:h2:mem:" + database;
    }

    /** Prints the tour step by step. */
    public void run() throws SQLException {
        Properties props = new Properties();
        props.setProperty("softdelete.config", CONFIG);
        out.println("softdelete-jdbc demo: in-memory H2, configuration " + CONFIG);
        out.println("  application connection: " + driverUrl());
        out.println("  raw connection:         " + rawUrl());
        try (Connection app = DriverManager.getConnection(driverUrl(), props);
             Connection raw = DriverManager.getConnection(rawUrl())) {
            createSchema(raw);
            insertRows(app);
            deleteCustomer(app, 2);
            showCustomersThroughDriver(app);
            showOrdersThroughDriver(app);
            showCustomersRaw(raw);
        }
        out.println();
        out.println("Done: the DELETE became an UPDATE. Customer 2 is hidden from the application but still stored.");
    }

    private void createSchema(Connection raw) throws SQLException {
        step("1. Schema, created on the raw connection (as a migration tool would)");
        String[] ddl = {
            "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
                + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)",
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, item VARCHAR(50) NOT NULL,"
                + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)"
        };
        try (Statement st = raw.createStatement()) {
            for (String sql : ddl) {
                st.execute(sql);
                out.println("  " + sql);
            }
        }
    }

    private void insertRows(Connection app) throws SQLException {
        step("2. Rows, inserted through the driver");
        Object[][] customers = {{1, "Ada"}, {2, "Grace"}, {3, "Linus"}};
        try (PreparedStatement ps = app.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            for (Object[] c : customers) {
                ps.setInt(1, (Integer) c[0]);
                ps.setString(2, (String) c[1]);
                ps.executeUpdate();
            }
        }
        Object[][] orders = {{10, 1, "keyboard"}, {11, 2, "compiler"}, {12, 3, "kernel"}};
        try (PreparedStatement ps =
                 app.prepareStatement("INSERT INTO orders (id, customer_id, item) VALUES (?, ?, ?)")) {
            for (Object[] o : orders) {
                ps.setInt(1, (Integer) o[0]);
                ps.setInt(2, (Integer) o[1]);
                ps.setString(3, (String) o[2]);
                ps.executeUpdate();
            }
        }
        out.println("  customers: 1 Ada, 2 Grace, 3 Linus");
        out.println("  orders:    10 keyboard (Ada), 11 compiler (Grace), 12 kernel (Linus)");
    }

    private void deleteCustomer(Connection app, int id) throws SQLException {
        String sql = "DELETE FROM customers WHERE id = " + id;
        step("3. " + sql + "   (through the driver)");
        try (Statement st = app.createStatement()) {
            out.println("  update count: " + st.executeUpdate(sql));
        }
    }

    private void showCustomersThroughDriver(Connection app) throws SQLException {
        String sql = "SELECT id, name FROM customers ORDER BY id";
        step("4. " + sql + "   (through the driver)");
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.println("  [driver] " + rs.getInt(1) + " | " + rs.getString(2));
            }
        }
    }

    private void showOrdersThroughDriver(Connection app) throws SQLException {
        String sql = "SELECT o.id, o.item, c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id";
        step("5. " + sql + "   (through the driver)");
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.println("  [driver] " + rs.getInt(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
            }
        }
    }

    private void showCustomersRaw(Connection raw) throws SQLException {
        String sql = "SELECT id, name, is_deleted, deleted_at FROM customers ORDER BY id";
        step("6. " + sql + "   (raw H2 connection)");
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.println("  [raw] " + rs.getInt(1) + " | " + rs.getString(2)
                    + " | is_deleted=" + (rs.getBoolean(3) ? "TRUE" : "FALSE")
                    + " | deleted_at=" + rs.getTimestamp(4));
            }
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }
}
