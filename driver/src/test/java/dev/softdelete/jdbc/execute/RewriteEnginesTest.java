package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.TestDatabases;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rewrite engine per configuration and dialect, shared by connections. */
class RewriteEnginesTest {
    private final RewriteEngines engines = new RewriteEngines();

    @Test
    void connectionsWithTheSameConfigurationAndDialectShareAnEngine() throws SQLException {
        RewriteEngine first = engines.engineFor(TestDatabases.CONFIG, Dialect.H2);

        assertThat(engines.engineFor(TestDatabases.CONFIG, Dialect.H2)).isSameAs(first);
        assertThat(first.dialect()).isEqualTo(Dialect.H2);
        assertThat(first.config().source()).isEqualTo(TestDatabases.CONFIG);
    }

    @Test
    void anotherDialectGetsItsOwnEngine() throws SQLException {
        RewriteEngine h2 = engines.engineFor(TestDatabases.CONFIG, Dialect.H2);
        RewriteEngine postgres = engines.engineFor(TestDatabases.CONFIG, Dialect.POSTGRESQL);

        assertThat(postgres).isNotSameAs(h2);
        assertThat(postgres.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(postgres.config()).isSameAs(h2.config());
    }

    @Test
    void aChangedFileGetsANewEngine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  orders: {}\n");
        RewriteEngine before = engines.engineFor(file.toString(), Dialect.H2);
        Files.writeString(file, "version: 1\ntables:\n  orders: {}\n  invoices: {}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));

        RewriteEngine after = engines.engineFor(file.toString(), Dialect.H2);

        assertThat(after).isNotSameAs(before);
        assertThat(after.config().tables()).hasSize(2);
    }

    @Test
    void aConfigurationErrorIsAnSqlExceptionWithStateSd000(@TempDir Path dir) {
        assertThatThrownBy(() -> engines.engineFor(dir.resolve("none.yml").toString(), Dialect.H2))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("none.yml")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"));
    }
}
