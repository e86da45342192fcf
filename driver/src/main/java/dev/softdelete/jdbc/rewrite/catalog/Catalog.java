package dev.softdelete.jdbc.rewrite.catalog;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the driver learns from the database's catalog about the configured tables, read once per configuration and
 * database (outside the engine, which stays free of JDBC) and handed to the rewrite engine as data:
 * <ul>
 * <li>the tables that inherit from a configured table or are its partitions (PostgreSQL), at any depth: rows
 * deleted from them are rows read through the configured table, so they are configured too, with its settings;</li>
 * <li>columns the database updates on every UPDATE of a row ({@code ON UPDATE CURRENT_TIMESTAMP} on MySQL/MariaDB):
 * a soft delete or a restore must leave them as they were;</li>
 * <li>the foreign keys into and out of configured tables, with their ON DELETE actions.</li>
 * </ul>
 */
public final class Catalog {
    /** Nothing known: what the engine works with when no database is at hand (tests, {@code explain}). */
    public static final Catalog EMPTY = new Catalog(Map.of(), Map.of(), List.of());

    private final Map<TableName, TableName> descendants;
    private final Map<TableName, List<String>> autoUpdatedColumns;
    private final List<ForeignKey> foreignKeys;

    /**
     * @param descendants        each inheriting table or partition, with the configured table it descends from
     * @param autoUpdatedColumns per table, the columns the database sets on every UPDATE
     * @param foreignKeys        the foreign keys whose child or parent is a configured table (or a descendant)
     */
    public Catalog(Map<TableName, TableName> descendants, Map<TableName, List<String>> autoUpdatedColumns,
            List<ForeignKey> foreignKeys) {
        this.descendants = Map.copyOf(descendants);
        Map<TableName, List<String>> columns = new LinkedHashMap<>();
        autoUpdatedColumns.forEach((table, list) -> columns.put(table, List.copyOf(list)));
        this.autoUpdatedColumns = Map.copyOf(columns);
        this.foreignKeys = List.copyOf(foreignKeys);
    }

    /** Each inheriting table or partition of a configured table, with the configured table it descends from. */
    public Map<TableName, TableName> descendants() {
        return descendants;
    }

    /** The columns the database sets on every UPDATE of a row of {@code table}; empty when there are none. */
    public List<String> autoUpdatedColumns(TableName table) {
        return autoUpdatedColumns.getOrDefault(table, List.of());
    }

    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /**
     * {@code config} with every descendant of a configured table configured too, with the settings (columns and
     * cascades) of the configured table it descends from; a descendant configured in its own right keeps its own.
     */
    public SoftDeleteConfig effective(SoftDeleteConfig config) {
        if (descendants.isEmpty()) {
            return config;
        }
        Map<TableName, TableConfig> byName = new LinkedHashMap<>();
        Set<String> unqualified = new HashSet<>();
        for (TableConfig t : config.tables()) {
            byName.put(t.name(), t);
            unqualified.add(t.name().table().toLowerCase(Locale.ROOT));
        }
        List<TableConfig> tables = new ArrayList<>(config.tables());
        for (Map.Entry<TableName, TableName> d : descendants.entrySet()) {
            TableConfig ancestor = byName.get(d.getValue());
            if (ancestor == null || byName.containsKey(d.getKey())
                    || unqualified.contains(d.getKey().table().toLowerCase(Locale.ROOT))) {
                continue;
            }
            tables.add(new TableConfig(d.getKey(), ancestor.flagColumn(), ancestor.flagType(),
                    ancestor.timestampColumn(), ancestor.batchColumn(), ancestor.actorColumn(), ancestor.cascades()));
        }
        return new SoftDeleteConfig(config.source(), tables, config.options());
    }
}
