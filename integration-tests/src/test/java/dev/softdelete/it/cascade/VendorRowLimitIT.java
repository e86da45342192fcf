package dev.softdelete.it.cascade;

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
 * Connector/J's {@code maxRows} connection property limits every statement of the connection, the driver's own
 * included: a probe found the catalog read cut to its first foreign key (a RESTRICT key missed, the parent
 * soft-deleted under a live child) and a cascade's key read cut to its first row (children of the second parent left
 * live, a restore bringing back only the first parent's). The driver's own statements run without a limit; the
 * application's keep the one it asked for.
 *
 * <p>Fixture: parents 1-3 ({@code sdit_vr_p}); two children each in {@code sdit_vr_c} ({@code ON DELETE CASCADE});
 * {@code sdit_vr_r} (RESTRICT) references parent 2.
 */
@OnMariaDB
class VendorRowLimitIT {
    private static final String FLAGS = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        drop();
        Sql.execute(raw, "CREATE TABLE sdit_vr_p (id INT PRIMARY KEY" + FLAGS + ")",
            "CREATE TABLE sdit_vr_c (id INT PRIMARY KEY, p_id INT NOT NULL" + FLAGS + ", CONSTRAINT sdit_vr_c_p"
                + " FOREIGN KEY (p_id) REFERENCES sdit_vr_p (id) ON DELETE CASCADE)",
            "CREATE TABLE sdit_vr_r (id INT PRIMARY KEY, p_id INT NOT NULL" + FLAGS + ", CONSTRAINT sdit_vr_r_p"
                + " FOREIGN KEY (p_id) REFERENCES sdit_vr_p (id) ON DELETE RESTRICT)",
            "INSERT INTO sdit_vr_p (id) VALUES (1), (2), (3)",
            "INSERT INTO sdit_vr_c (id, p_id) VALUES (10, 1), (11, 1), (20, 2), (21, 2), (30, 3), (31, 3)",
            "INSERT INTO sdit_vr_r (id, p_id) VALUES (1, 2)");
        // the first connection of a configuration reads its catalog
        app = ThroughDriver.connect(database.rawUrl() + "&maxRows=1",
            ConfigFile.write(dir, "sdit_vr_p", "sdit_vr_c", "sdit_vr_r"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app) {
            drop();
        } finally {
            raw.close();
        }
    }

    private void drop() throws SQLException {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_vr_r, sdit_vr_c, sdit_vr_p");
    }

    @Test
    void theCatalogAndTheCascadesReadEveryRow() throws SQLException {
        assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_vr_p WHERE id = 2"))
            .as("the RESTRICT key, which the catalog read second").isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1451));

        assertThat(Sql.update(app, "DELETE FROM sdit_vr_p WHERE id IN (1, 3)")).isEqualTo(2);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_vr_c WHERE is_deleted ORDER BY id"))
            .containsExactly(10L, 11L, 30L, 31L);

        assertThat(Sql.update(app, "UNDELETE FROM sdit_vr_p WHERE id IN (1, 3)")).isEqualTo(2);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_vr_c WHERE is_deleted")).containsExactly(0L);

        assertThat(Sql.longs(app, "SELECT id FROM sdit_vr_c ORDER BY id")).as("the application's own limit")
            .containsExactly(10L);
    }
}
