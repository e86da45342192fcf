package dev.softdelete.config;

import java.util.List;

/** One configured soft-delete table, with the defaults already applied. */
public final class TableConfig {
    private final TableName name;
    private final String flagColumn;
    private final FlagType flagType;
    private final String timestampColumn;
    private final String batchColumn;
    private final String actorColumn;
    private final List<Cascade> cascades;

    public TableConfig(TableName name, String flagColumn, FlagType flagType, String timestampColumn,
                       List<Cascade> cascades) {
        this(name, flagColumn, flagType, timestampColumn, null, null, cascades);
    }

    public TableConfig(TableName name, String flagColumn, FlagType flagType, String timestampColumn,
                       String batchColumn, String actorColumn, List<Cascade> cascades) {
        if (flagColumn == null && timestampColumn == null) {
            throw new IllegalArgumentException("a table needs a flag column, a timestamp column, or both");
        }
        this.name = name;
        this.flagColumn = flagColumn;
        this.flagType = flagType;
        this.timestampColumn = timestampColumn;
        this.batchColumn = batchColumn;
        this.actorColumn = actorColumn;
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

    /** The column that receives the delete event's id (shared by every row of one event), or null. */
    public String batchColumn() {
        return batchColumn;
    }

    /** The column that receives who deleted the row ({@code softdelete.actor} of the connection), or null. */
    public String actorColumn() {
        return actorColumn;
    }

    public List<Cascade> cascades() {
        return cascades;
    }
}
