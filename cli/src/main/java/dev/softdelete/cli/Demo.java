package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.purge.Purge;
import dev.softdelete.jdbc.purge.PurgeReport;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A tour of the driver on in-memory H2. The application's connection goes through
 * {@code jdbc:softdelete:h2:mem:...}; each step prints the SQL the application sends and the SQL the driver sends
 * in its place (from the same machinery as {@code explain}), then what came back: a delete with its cascade, a join
 * that hides deleted rows, the {@code include-deleted} and {@code only-deleted} hints, an UNDELETE that restores
 * exactly one delete event, a purge, and finally what a plain H2 connection sees stored.
 */
public final class Demo {
    /** The demo configuration, shipped in the jar. */
    public static final String CONFIG = "classpath:softdelete-demo.yml";
    private static final String JOIN = "SELECT c.name, o.item FROM customers c JOIN orders o ON o.customer_id = c.id"
        + " ORDER BY o.id";

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
        } catch (ConfigException e) {
            err.println("softdelete-cli demo: " + e.getMessage());
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
    public void run() throws SQLException, ConfigException {
        SoftDeleteConfig config = ConfigLocator.locate(CONFIG);
        Properties props = new Properties();
        props.setProperty("softdelete.config", CONFIG);
        out.println("softdelete-jdbc demo: in-memory H2, configuration " + CONFIG
            + " (customers cascade to orders)");
        out.println("  application connection: " + driverUrl());
        out.println("  raw connection:         " + rawUrl());
        try (Connection raw = DriverManager.getConnection(rawUrl())) {
            createSchema(raw);
            // the schema first, as a migration runs before the application: the driver reads the catalog (the
            // foreign key of orders) on the application's first connection, and the explainer reads the same
            try (Connection app = DriverManager.getConnection(driverUrl(), props)) {
                Tour tour = new Tour(app, Explainer.forDatabase(config, Dialect.H2, raw, Visibility.ACTIVE));
                tour(tour, config, raw);
            }
        }
        out.println();
        out.println("Done: DELETE became UPDATE, every read left the deleted rows out, UNDELETE brought one delete"
            + " event back, and only the purge removed a row for good.");
    }

    private void tour(Tour tour, SoftDeleteConfig config, Connection raw) throws SQLException {
        tour.insertRows();
        tour.step("3. Grace's manual is deleted on its own: one delete event");
        tour.update("DELETE FROM orders WHERE id = 12");
        tour.step("4. Grace is deleted: her other order goes with her, in a second delete event");
        tour.update("DELETE FROM customers WHERE id = 2");
        tour.step("5. A join hides the deleted rows on both sides");
        tour.query(JOIN);
        tour.step("6. include-deleted: one statement sees every row");
        tour.query("/* softdelete:include-deleted */ SELECT id, name, is_deleted FROM customers ORDER BY id");
        tour.step("7. only-deleted: the deleted orders, with the timestamps of their two delete events");
        tour.query("/* softdelete:only-deleted */ SELECT id, item, deleted_at FROM orders ORDER BY id");
        tour.step("8. UNDELETE restores Grace and the order deleted in her event, not the manual");
        tour.update("UNDELETE FROM customers WHERE id = 2");
        out.println("  the join of step 5 again:");
        tour.rows(JOIN);
        tour.step("9. Purge: hard-delete what was soft-deleted before now (the purge command does this in"
            + " batches)");
        tour.purge(config);
        showStored(raw);
    }

    private void createSchema(Connection raw) throws SQLException {
        step("1. Schema, created on the raw connection (as a migration tool would)");
        String[] ddl = {
            "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
                + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)",
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id),"
                + " item VARCHAR(50) NOT NULL, is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)"
        };
        try (Statement st = raw.createStatement()) {
            for (String sql : ddl) {
                st.execute(sql);
                out.println("  " + sql);
            }
        }
    }

    private void showStored(Connection raw) throws SQLException {
        step("10. What is stored, read on the raw H2 connection");
        for (String sql : new String[] {
            "SELECT id, name, is_deleted, deleted_at FROM customers ORDER BY id",
            "SELECT id, customer_id, item, is_deleted, deleted_at FROM orders ORDER BY id"}) {
            out.println("  " + sql);
            try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                printRows(rs, "  [raw] ");
            }
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private void printRows(ResultSet rs, String prefix) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        boolean any = false;
        while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                values.add(String.valueOf(rs.getObject(i)));
            }
            out.println(prefix + String.join(" | ", values));
            any = true;
        }
        if (!any) {
            out.println(prefix + "(no rows)");
        }
    }

    /** The steps on the application's connection: explained, then run through the driver. */
    private final class Tour {
        private final Connection app;
        private final Explainer explainer;

        Tour(Connection app, Explainer explainer) {
            this.app = app;
            this.explainer = explainer;
        }

        void step(String title) {
            Demo.this.step(title);
        }

        void insertRows() throws SQLException {
            step("2. Rows, inserted through the driver");
            String customers = "INSERT INTO customers (id, name) VALUES (?, ?)";
            explainer.explain(customers).print(out);
            try (PreparedStatement ps = app.prepareStatement(customers)) {
                Object[][] rows = {{1, "Ada"}, {2, "Grace"}, {3, "Linus"}};
                for (Object[] c : rows) {
                    ps.setInt(1, (Integer) c[0]);
                    ps.setString(2, (String) c[1]);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps =
                     app.prepareStatement("INSERT INTO orders (id, customer_id, item) VALUES (?, ?, ?)")) {
                Object[][] rows = {{10, 1, "keyboard"}, {11, 2, "compiler"}, {12, 2, "manual"}, {13, 3, "kernel"}};
                for (Object[] o : rows) {
                    ps.setInt(1, (Integer) o[0]);
                    ps.setInt(2, (Integer) o[1]);
                    ps.setString(3, (String) o[2]);
                    ps.executeUpdate();
                }
            }
            out.println("  customers: 1 Ada, 2 Grace, 3 Linus");
            out.println("  orders:    10 keyboard (Ada), 11 compiler (Grace), 12 manual (Grace), 13 kernel (Linus)");
        }

        void update(String sql) throws SQLException {
            explainer.explain(sql).print(out);
            try (Statement st = app.createStatement()) {
                out.println("  update count: " + st.executeUpdate(sql));
            }
        }

        void query(String sql) throws SQLException {
            explainer.explain(sql).print(out);
            rows(sql);
        }

        /** Runs a query through the driver and prints its rows. */
        void rows(String sql) throws SQLException {
            try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                printRows(rs, "  [driver] ");
            }
        }

        void purge(SoftDeleteConfig config) throws SQLException {
            Purge purge = new Purge(config, driverUrl());
            for (String sql : purge.statements()) {
                explainer.explain(sql).print(out);
            }
            PurgeReport report = purge.run(app, Instant.now());
            for (Map.Entry<String, Long> rows : report.rowsPerTable().entrySet()) {
                out.println("  " + rows.getKey() + ": " + rows.getValue() + " row" + (rows.getValue() == 1 ? "" : "s")
                    + " purged");
            }
        }
    }
}
