package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.Column;
import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.config.FlagType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL DDL. Statements carry {@code IF NOT EXISTS} / {@code IF EXISTS} where PostgreSQL has them, so the script
 * can run again; PostgreSQL 11+ adds a column with a constant default without rewriting the table, and widening a
 * timestamp's precision does not rewrite it either.
 */
final class PostgresDdl extends Ddl {
    @Override
    String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    boolean caseSensitive() {
        return true;
    }

    @Override
    boolean qualifiesAlways() {
        return true;
    }

    @Override
    int maxIdentifier() {
        return 63;
    }

    @Override
    String flagDefinition(FlagType type) {
        return type == FlagType.INTEGER ? "SMALLINT NOT NULL DEFAULT 0" : "BOOLEAN NOT NULL DEFAULT FALSE";
    }

    @Override
    String timestampDefinition() {
        return "TIMESTAMP NULL";
    }

    @Override
    List<String> addColumns(String table, List<String> definitions) {
        List<String> parts = new ArrayList<>();
        for (String d : definitions) {
            parts.add("ADD COLUMN IF NOT EXISTS " + d);
        }
        return List.of("ALTER TABLE " + table + " " + String.join(", ", parts));
    }

    @Override
    List<String> repairFlag(DatabaseTable table, String tableSql, Column column, FlagType type) {
        List<String> statements = new ArrayList<>();
        String c = quote(column.name());
        List<String> actions = new ArrayList<>();
        if (column.defaultValue() == null || column.defaultIsTrue()) {
            actions.add("ALTER COLUMN " + c + " SET DEFAULT " + falseLiteral(type));
        }
        if (column.nullable()) {
            statements.add("UPDATE " + tableSql + " SET " + c + " = " + falseLiteral(type) + " WHERE " + c
                + " IS NULL");
            actions.add("ALTER COLUMN " + c + " SET NOT NULL");
        }
        if (!actions.isEmpty()) {
            statements.add("ALTER TABLE " + tableSql + " " + String.join(", ", actions));
        }
        return statements;
    }

    @Override
    List<String> repairTimestamp(DatabaseTable table, String tableSql, Column column) {
        String c = quote(column.name());
        List<String> actions = new ArrayList<>();
        if (column.fractionalDigits() >= 0 && column.fractionalDigits() < 6) {
            boolean zoned = column.typeName().toLowerCase(Locale.ROOT).contains("tz");
            actions.add("ALTER COLUMN " + c + " TYPE " + (zoned ? "TIMESTAMPTZ(6)" : "TIMESTAMP(6)"));
        }
        if (!column.nullable()) {
            actions.add("ALTER COLUMN " + c + " DROP NOT NULL");
        }
        if (column.defaultValue() != null) {
            actions.add("ALTER COLUMN " + c + " DROP DEFAULT");
        }
        return actions.isEmpty() ? List.of() : List.of("ALTER TABLE " + tableSql + " " + String.join(", ", actions));
    }

    @Override
    String createIndex(String name, String tableSql, List<String> columns) {
        List<String> quoted = new ArrayList<>();
        columns.forEach(c -> quoted.add(quote(c)));
        return "CREATE INDEX IF NOT EXISTS " + quote(name) + " ON " + tableSql + " (" + String.join(", ", quoted) + ")";
    }

    @Override
    String dropIndex(String name, DatabaseTable table, String tableSql) {
        return "DROP INDEX IF EXISTS " + (table.container() == null ? "" : quote(table.container()) + ".")
            + quote(name);
    }

    @Override
    boolean addsColumnsInPlace() {
        return true;
    }

    @Override
    boolean widensTimestampsInPlace() {
        return true;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }
}
