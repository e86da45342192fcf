package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ChildJvm;
import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.CustomerTable;
import dev.softdelete.it.support.BuiltJar;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in promise: the driver jar next to pgjdbc is all an application needs. A child JVM whose class path is
 * exactly those two jars runs a probe program that connects through {@code jdbc:softdelete:postgresql:}.
 */
class DropInJarIT {
    private static final String TABLE = "sdit_dropin_customers";

    /** The probe, compiled and run by the JDK's source launcher in the child JVM. */
    private static final String PROBE = String.join("\n",
        "import java.sql.*;",
        "import java.util.Properties;",
        "",
        "public class Probe {",
        "    public static void main(String[] args) throws Exception {",
        "        String url = \"jdbc:softdelete:\" + args[0].substring(\"jdbc:\".length());",
        "        Properties props = new Properties();",
        "        props.setProperty(\"softdelete.config\", args[1]);",
        "        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {",
        "            System.out.println(\"driver=\" + DriverManager.getDriver(url).getClass().getName());",
        "            System.out.println(\"deleted=\" + s.executeUpdate(\"DELETE FROM \" + args[2] + \" WHERE id = 2\"));",
        "            StringBuilder ids = new StringBuilder();",
        "            try (ResultSet rs = s.executeQuery(\"SELECT id FROM \" + args[2] + \" ORDER BY id\")) {",
        "                while (rs.next()) {",
        "                    ids.append(ids.length() == 0 ? \"\" : \",\").append(rs.getLong(1));",
        "                }",
        "            }",
        "            System.out.println(\"visible=\" + ids);",
        "        }",
        "    }",
        "}",
        "");

    @TempDir
    Path dir;

    @Test
    void driverJarPlusPgjdbcIsEnough() throws Exception {
        Path driverJar = BuiltJar.DRIVER.path();
        String url = TestDatabase.POSTGRESQL.rawUrl();
        Path pgjdbc = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CustomerTable customers = new CustomerTable(TestDatabase.POSTGRESQL, TABLE);
        try (Connection raw = DriverManager.getConnection(url)) {
            customers.recreate(raw)
                .insert(raw, 1, "Ada", "north")
                .insert(raw, 2, "Grace", "north")
                .insert(raw, 3, "Linus", "south");
        }
        Path config = ConfigFile.write(dir, TABLE);
        Path probe = Files.writeString(dir.resolve("Probe.java"), PROBE, StandardCharsets.UTF_8);

        ChildJvm.Result result = ChildJvm.runSource(
            List.of(driverJar, pgjdbc), probe, List.of(url, config.toString(), TABLE), 120);

        assertThat(result.exitCode()).as("probe exit status; output:%n%s", result.output()).isZero();
        assertThat(result.output().lines())
            .containsSubsequence("driver=dev.softdelete.jdbc.SoftDeleteDriver", "deleted=1", "visible=1,3");
        try (Connection raw = DriverManager.getConnection(url)) {
            StoredRow row = customers.stored(raw, 2);
            assertThat(row.present() && row.deleted()).as("raw: row 2 stored and marked deleted: %s", row).isTrue();
        }
    }
}
