package dev.softdelete.clients.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script from the test class path, split into statements at semicolons that end a line; {@code --} comment
 * lines are dropped. Enough for the shop scripts, which Spring Boot also runs with its own splitter.
 */
public final class SqlScript {
    private SqlScript() {
    }

    /** The statements of the class path resource {@code path}. */
    public static List<String> statements(String path) {
        String text;
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no class path resource " + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Runs the statements of {@code path} on {@code c}, in order. */
    public static void run(Connection c, String path) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements(path)) {
                st.execute(sql);
            }
        }
    }
}
