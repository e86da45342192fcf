package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** A configuration that cannot be used fails the connect with SQLState SD000, before any statement runs. */
@OnEachDatabase
class ConfigErrorIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void missingConfigFileFailsTheConnect() {
        String url = database.rawUrl();
        Path absent = dir.resolve("absent-softdelete.yml");

        assertThatThrownBy(() -> ThroughDriver.connect(url, absent).close())
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("absent-softdelete.yml")
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("SD000");
    }

    @Test
    void malformedConfigFailsTheConnect() throws Exception {
        String url = database.rawUrl();
        Path config = ConfigFile.writeRaw(dir, "version: 1\ntables: [unclosed\n");

        assertThatThrownBy(() -> ThroughDriver.connect(url, config).close())
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("SD000");
    }
}
