package dev.softdelete.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@code softdelete.yml} listing tables that use the default columns {@code is_deleted}/{@code deleted_at}. */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Writes {@code dir/softdelete.yml} configuring {@code tables}; returns its path. */
    public static Path write(Path dir, String... tables) throws IOException {
        StringBuilder yaml = new StringBuilder()
            .append("version: 1\n")
            .append("defaults:\n")
            .append("  flag-column: is_deleted\n")
            .append("  timestamp-column: deleted_at\n")
            .append("tables:\n");
        for (String table : tables) {
            yaml.append("  ").append(table).append(": {}\n");
        }
        yaml.append("options:\n")
            .append("  on-unparseable: reject\n");
        return writeRaw(dir, yaml.toString());
    }

    /** Writes {@code dir/softdelete.yml} with exactly {@code content}; returns its path. */
    public static Path writeRaw(Path dir, String content) throws IOException {
        return Files.writeString(dir.resolve("softdelete.yml"), content, StandardCharsets.UTF_8);
    }
}
