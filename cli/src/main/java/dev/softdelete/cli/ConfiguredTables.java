package dev.softdelete.cli;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds configured tables by the name an operator types, and the tables a cascade reaches. */
final class ConfiguredTables {
    private ConfiguredTables() {
    }

    /**
     * The configured table named {@code name}, compared case-insensitively; an unqualified name also finds a
     * schema-qualified entry when exactly one entry has that table name.
     */
    static TableConfig find(SoftDeleteConfig config, String name) throws CommandFailedException {
        TableName wanted = TableName.parse(name.trim());
        List<TableConfig> byTableName = new ArrayList<>();
        for (TableConfig t : config.tables()) {
            if (t.name().equals(wanted)) {
                return t;
            }
            if (wanted.schema() == null && t.name().table().toLowerCase(Locale.ROOT)
                    .equals(wanted.table().toLowerCase(Locale.ROOT))) {
                byTableName.add(t);
            }
        }
        if (byTableName.size() == 1) {
            return byTableName.get(0);
        }
        List<String> names = new ArrayList<>();
        for (TableConfig t : config.tables()) {
            names.add(t.name().toString());
        }
        throw new CommandFailedException((byTableName.isEmpty() ? name + " is not a configured table"
            : name + " is ambiguous; qualify it with its schema") + " (configured in " + config.source() + ": "
            + String.join(", ", names) + ")");
    }

    /** {@code start} and every configured table its cascade map reaches, at any depth; {@code start} first. */
    static Set<TableConfig> reachable(SoftDeleteConfig config, TableConfig start) {
        Set<TableConfig> seen = new LinkedHashSet<>();
        Deque<TableConfig> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            TableConfig t = todo.remove();
            if (seen.add(t)) {
                for (Cascade edge : t.cascades()) {
                    for (TableConfig child : config.tables()) {
                        if (child.name().equals(edge.table())) {
                            todo.add(child);
                        }
                    }
                }
            }
        }
        return seen;
    }
}
