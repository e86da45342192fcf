package dev.softdelete.config;

import java.util.List;

/** One configured soft-delete table, with the defaults already applied. */
public final class TableConfig {
    private final TableName name;
    private final String flagColumn;
    private final FlagType flagType;
    private final String timestampColumn;
    private final List<Cascade> cascades;

    public TableConfig(TableName name, String flagColumn, FlagType flagType, String timestampColumn,
                       List<Cascade> cascades) {
        if (flagColumn == null && timestampColumn == null) {
            throw new IllegalArgumentException("a table needs a flag column, a timestamp column, or both");
        }
        this.name = name;
        this.flagColumn = flagColumn;
        this.flagType = flagType;
        this.timestampColumn = timestampColumn;
        this.cascades = List.copyOf(cascades);
    }

    public TableName name() {
        return name;
    }

    /** The flag column, or null in timestamp-only mode (a row is live when its timestamp is NULL). */
    public String flagColumn() {
        return flagColumn;
    }

    public FlagType flagType() {
        return flagType;
    }

    /** The timestamp column written on delete, or null when no timestamp is kept. */
    public String timestampColumn() {
        return timestampColumn;
    }

    public List<Cascade> cascades() {
        return cascades;
    }
}
