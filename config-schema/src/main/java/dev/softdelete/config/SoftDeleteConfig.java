package dev.softdelete.config;

import java.util.List;

/** A loaded and validated {@code softdelete.yml}. Immutable. */
public final class SoftDeleteConfig {
    private final String source;
    private final List<TableConfig> tables;
    private final Options options;

    public SoftDeleteConfig(String source, List<TableConfig> tables, Options options) {
        this.source = source;
        this.tables = List.copyOf(tables);
        this.options = options;
    }

    /** Where the configuration was read from (a path or {@code classpath:name}), for messages. */
    public String source() {
        return source;
    }

    public List<TableConfig> tables() {
        return tables;
    }

    public Options options() {
        return options;
    }
}
