package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.CustomerTable;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Statements that need no rewrite behave exactly as without the driver, and their text reaches the server
 * byte-identical (observed through the server's own view of the running statement).
 */
@OnEachDatabase
class UnrewrittenStatementIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;
    private CustomerTable plain;

    @BeforeEach
    void setUp() throws Exception {
        String url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        CustomerTable configured = new CustomerTable(database, "sdit_plain_configured").recreate(raw);
        plain = new CustomerTable(database, "sdit_plain_other").recreate(raw);
        plain.insert(raw, 1, "Ada", "north").insert(raw, 2, "Grace", "south");
        app = ThroughDriver.connect(url, ConfigFile.write(dir, configured.name()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    @Test
    void unconfiguredTableBehavesAsWithoutTheDriver() throws Exception {
        String t = plain.name();
        assertThat(Sql.update(app, "INSERT INTO " + t + " (id, name, region) VALUES (3, 'Linus', 'east')")).isEqualTo(1);
        assertThat(Sql.update(app, "UPDATE " + t + " SET region = 'west' WHERE id IN (2, 3)")).isEqualTo(2);
        assertThat(Sql.update(app, "DELETE FROM " + t + " WHERE id = 1")).isEqualTo(1);

        assertThat(plain.stored(raw, 1)).as("a DELETE on an unconfigured table is a real delete")
            .isEqualTo(new StoredRow(false, false, null));
        assertThat(Sql.longs(app, "SELECT id FROM " + t + " ORDER BY id")).containsExactly(2L, 3L);
        assertThat(Sql.single(raw, "SELECT COUNT(*) FROM " + t + " WHERE region = 'west'")).isEqualTo("2");
    }

    @Test
    void statementTextReachesTheServerUnchanged() throws Exception {
        String sql = currentStatementQuery();

        String seenRaw = Sql.single(raw, sql);
        String seenThroughDriver = Sql.single(app, sql);

        assertThat(seenThroughDriver).isEqualTo(seenRaw).isEqualTo(sql);
    }

    @Test
    void preparedStatementTextReachesTheServerUnchanged() throws Exception {
        String sql = currentStatementQuery().replaceFirst("SELECT", "SELECT ? AS p,");
        assertThat(preparedCurrentStatement(app, sql)).isEqualTo(preparedCurrentStatement(raw, sql));
    }

    /** A query returning the text of the statement running it, with odd spacing and a comment to preserve. */
    private String currentStatementQuery() {
        switch (database) {
            case POSTGRESQL:
                return "SELECT  current_query()   /* softdelete-it: sent exactly as written */";
            case MARIADB:
                return "SELECT  INFO  FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()"
                    + "   /* softdelete-it: sent exactly as written */";
            default:
                throw new IllegalStateException(database.name());
        }
    }

    private static String preparedCurrentStatement(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "x");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(2);
            }
        }
    }
}
