package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --url} on PostgreSQL: with the database's catalog, a partition of a configured table is configured
 * too, as the driver has it on that database; from the dialect alone it is a plain table.
 */
class ExplainWithCatalogTest {
    private static final String DELETE = "DELETE FROM adopt_explain_orders_2024 WHERE id = 1";

    @TempDir
    Path dir;
    private String url;
    private String config;

    @BeforeEach
    void partitionedTable() throws Exception {
        url = RealDatabase.POSTGRESQL.url();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS adopt_explain_orders");
            st.execute("CREATE TABLE adopt_explain_orders (id INT, placed DATE NOT NULL,"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP) PARTITION BY RANGE (placed)");
            st.execute("CREATE TABLE adopt_explain_orders_2024 PARTITION OF adopt_explain_orders"
                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        }
        config = Files.writeString(dir.resolve("softdelete.yml"),
            "version: 1\ntables:\n  adopt_explain_orders: {}\n").toString();
    }

    @AfterEach
    void drop() throws Exception {
        if (url == null) {
            return; // skipped: no PostgreSQL
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS adopt_explain_orders");
        }
    }

    @Test
    void aPartitionIsSoftDeletedWithTheCatalogAndPlainWithout() {
        CliRun withCatalog = CliRun.of("explain", "--config", config, "--url", url, DELETE);
        CliRun dialectOnly = CliRun.of("explain", "--config", config, "--dialect", "postgresql", DELETE);

        assertThat(withCatalog.status()).as(withCatalog.err()).isZero();
        assertThat(withCatalog.out()).contains(", catalog of jdbc:postgresql:")
            .contains("UPDATE adopt_explain_orders_2024 SET is_deleted = TRUE");
        assertThat(dialectOnly.out()).contains("  driver       sends it as written, byte for byte");
    }
}
