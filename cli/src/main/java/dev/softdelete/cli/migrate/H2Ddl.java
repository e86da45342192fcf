package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.Column;
import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.config.FlagType;
import java.util.ArrayList;
import java.util.List;

/**
 * H2 DDL: columns and indexes only. H2 has no partial indexes (unique keys stay as they are) and its triggers are
 * Java classes (no guards); its DDL commits at once.
 */
final class H2Ddl extends Ddl {
    @Override
    String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    boolean caseSensitive() {
        return false;
    }

    @Override
    int maxIdentifier() {
        return 63;
    }

    @Override
    String flagDefinition(FlagType type) {
        return type == FlagType.INTEGER ? "TINYINT DEFAULT 0 NOT NULL" : "BOOLEAN DEFAULT FALSE NOT NULL";
    }

    @Override
    String timestampDefinition() {
        return "TIMESTAMP(6)";
    }

    @Override
    List<String> addColumns(String table, List<String> definitions) {
        List<String> statements = new ArrayList<>();
        for (String d : definitions) {
            statements.add("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + d);
        }
        return statements;
    }

    @Override
    List<String> repairFlag(DatabaseTable table, String tableSql, Column column, FlagType type) {
        List<String> statements = new ArrayList<>();
        String c = quote(column.name());
        if (column.defaultValue() == null || column.defaultIsTrue()) {
            statements.add("ALTER TABLE " + tableSql + " ALTER COLUMN " + c + " SET DEFAULT " + falseLiteral(type));
        }
        if (column.nullable()) {
            statements.add("UPDATE " + tableSql + " SET " + c + " = " + falseLiteral(type) + " WHERE " + c
                + " IS NULL");
            statements.add("ALTER TABLE " + tableSql + " ALTER COLUMN " + c + " SET NOT NULL");
        }
        return statements;
    }

    @Override
    List<String> repairTimestamp(DatabaseTable table, String tableSql, Column column) {
        String c = quote(column.name());
        List<String> statements = new ArrayList<>();
        if (column.fractionalDigits() >= 0 && column.fractionalDigits() < 6) {
            statements.add("ALTER TABLE " + tableSql + " ALTER COLUMN " + c + " SET DATA TYPE TIMESTAMP(6)");
        }
        if (!column.nullable()) {
            statements.add("ALTER TABLE " + tableSql + " ALTER COLUMN " + c + " SET NULL");
        }
        if (column.defaultValue() != null) {
            statements.add("ALTER TABLE " + tableSql + " ALTER COLUMN " + c + " DROP DEFAULT");
        }
        return statements;
    }

    @Override
    String createIndex(String name, String tableSql, List<String> columns) {
        List<String> quoted = new ArrayList<>();
        columns.forEach(c -> quoted.add(quote(c)));
        return "CREATE INDEX IF NOT EXISTS " + quote(name) + " ON " + tableSql + " (" + String.join(", ", quoted) + ")";
    }

    @Override
    String dropIndex(String name, DatabaseTable table, String tableSql) {
        return "DROP INDEX IF EXISTS " + quote(name);
    }

    @Override
    boolean addsColumnsInPlace() {
        return false;
    }

    @Override
    boolean widensTimestampsInPlace() {
        return false;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }
}
