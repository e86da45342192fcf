package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.TestDatabases;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One rewrite engine per configuration, dialect and database, shared by connections. */
class RewriteEnginesTest {
    private final RewriteEngines engines = new RewriteEngines();
    private Connection h2;

    @BeforeEach
    void open() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:engines" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    @Test
    void connectionsWithTheSameConfigurationDialectAndDatabaseShareAnEngine() throws SQLException {
        SoftDeleteConfig config = RewriteEngines.locate(TestDatabases.CONFIG);
        SharedEngine first = engines.engineFor(config, Dialect.H2, "jdbc:h2:mem:a", h2);

        assertThat(engines.engineFor(config, Dialect.H2, "jdbc:h2:mem:a", h2)).isSameAs(first);
        assertThat(first.engine().dialect()).isEqualTo(Dialect.H2);
        assertThat(first.engine().config().source()).isEqualTo(TestDatabases.CONFIG);
        assertThat(engines.engineFor(config, Dialect.H2, "jdbc:h2:mem:b", h2)).isNotSameAs(first);
    }

    @Test
    void aChangedFileGetsANewEngineForTheSameConnectionsToCome(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  orders: {}\n");
        SharedEngine shared = engines.engineFor(RewriteEngines.locate(file.toString()), Dialect.H2, "db", h2);
        Object before = shared.version();
        Files.writeString(file, "version: 1\ntables:\n  orders: {}\n  invoices: {}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));

        SharedEngine after = engines.engineFor(RewriteEngines.locate(file.toString()), Dialect.H2, "db", h2);

        assertThat(after).isSameAs(shared);
        assertThat(after.version()).isNotSameAs(before);
        assertThat(after.engine().config().tables()).hasSize(2);
    }

    @Test
    void refreshingReadsTheCatalogAgain() throws SQLException {
        try (Statement st = h2.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)");
        }
        SharedEngine shared = engines.engineFor(RewriteEngines.locate(TestDatabases.CONFIG), Dialect.H2, "db", h2);
        assertThat(shared.engine().catalog().foreignKeys()).isEmpty();
        try (Statement st = h2.createStatement()) {
            st.execute("CREATE TABLE lines (id INT PRIMARY KEY, order_id INT REFERENCES orders (id))");
        }
        Object before = shared.version();

        shared.refresh(h2);

        assertThat(shared.version()).isNotSameAs(before);
        assertThat(shared.engine().catalog().foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.parent.table()).isEqualToIgnoringCase("orders"));
    }

    @Test
    void aConfigurationErrorIsAnSqlExceptionWithStateSd000(@TempDir Path dir) {
        assertThatThrownBy(() -> RewriteEngines.locate(dir.resolve("none.yml").toString()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("none.yml")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"));
    }
}
