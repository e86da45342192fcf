package dev.softdelete.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh in-memory H2 database for one test, with its {@code softdelete.yml} in a temporary directory. It lives
 * until {@link #close()}, so the command under test can open its own connections to it.
 */
final class H2Database implements AutoCloseable {
    private final String url;
    private final Path config;
    private final Connection keepAlive;

    H2Database(Path directory, String yaml) throws IOException, SQLException {
        this.url = "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        this.config = Files.writeString(directory.resolve("softdelete.yml"), yaml);
        this.keepAlive = DriverManager.getConnection(url);
    }

    /** The raw H2 URL. */
    String url() {
        return url;
    }

    /** The configuration file's path, for {@code --config}. */
    String config() {
        return config.toString();
    }

    /** Runs statements on a raw connection. */
    H2Database raw(String... sql) throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
        return this;
    }

    /** Runs statements through the soft-delete driver. */
    H2Database throughDriver(String... sql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("softdelete.config", config());
        try (Connection c = DriverManager.getConnection("jdbc:softdelete:" + url.substring(5), properties);
             Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
        return this;
    }

    /** The rows of a raw query, each row's columns joined with {@code |}. */
    List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = keepAlive.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("SHUTDOWN");
        } finally {
            keepAlive.close();
        }
    }
}
