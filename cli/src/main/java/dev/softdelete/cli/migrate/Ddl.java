package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.Column;
import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The DDL {@code migrate} writes, in one database's dialect: soft-delete columns added or made usable, indexes, and
 * names quoted where they must be. Every statement is one the database runs on its own, without a terminator.
 */
public abstract class Ddl {
    /** Words that cannot be table or column names unquoted on PostgreSQL or MySQL/MariaDB (the common ones). */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
        "asc", "both", "case", "cast", "change", "check", "collate", "column", "condition", "constraint", "create",
        "cross", "current_date", "current_time", "current_timestamp", "current_user", "default", "delete", "desc",
        "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "full", "grant",
        "group", "having", "in", "index", "inner", "insert", "intersect", "interval", "into", "is", "join", "key",
        "keys", "lateral", "leading", "left", "like", "limit", "match", "natural", "not", "null", "offset", "on",
        "only", "or", "order", "outer", "primary", "range", "rank", "read", "references", "right", "rows", "select",
        "session_user", "some", "table", "then", "to", "trailing", "true", "union", "unique", "update", "user",
        "using", "value", "values", "when", "where", "window", "with");

    /** The DDL of {@code dialect}; {@code connection} tells versions and column types where they matter. */
    public static Ddl of(Dialect dialect, Connection connection) throws SQLException {
        switch (dialect) {
            case POSTGRESQL:
                return new PostgresDdl();
            case MYSQL:
            case MARIADB:
                return new MySqlDdl(connection);
            case H2:
                return new H2Ddl();
            default:
                throw new SQLException("migrate knows PostgreSQL, MySQL/MariaDB and H2, not this database");
        }
    }

    /** The name as SQL must write it: as it is when it is a plain lower-case word, else quoted. */
    public final String quote(String name) {
        boolean plain = name.matches("[a-z_][a-z0-9_]*") || (!caseSensitive() && name.matches("[A-Za-z_][A-Za-z0-9_]*"));
        if (plain && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return quoted(name);
    }

    /** The name between the dialect's quotes. */
    abstract String quoted(String name);

    /** Whether an unquoted name changes case (PostgreSQL folds to lower, H2 to upper case). */
    abstract boolean caseSensitive();

    /** The table as DDL names it: qualified when it is not in {@code currentContainer}, or on PostgreSQL. */
    public String table(DatabaseTable table, String currentContainer) {
        String container = table.container();
        if (container == null || (container.equalsIgnoreCase(currentContainer) && !qualifiesAlways())) {
            return quote(table.name());
        }
        return quote(container) + "." + quote(table.name());
    }

    /** Whether tables are always written with their schema (PostgreSQL: the same in every environment). */
    boolean qualifiesAlways() {
        return false;
    }

    /** The longest identifier the database takes. */
    abstract int maxIdentifier();

    /** A name for an object the migration creates: lower case, within the identifier limit. */
    public final String objectName(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
        if (cleaned.length() <= maxIdentifier()) {
            return cleaned;
        }
        String hash = Integer.toHexString(cleaned.hashCode());
        return cleaned.substring(0, maxIdentifier() - hash.length() - 1) + "_" + hash;
    }

    /** {@code BOOLEAN NOT NULL DEFAULT FALSE}, or the integer form. */
    abstract String flagDefinition(FlagType type);

    /** A nullable timestamp with microseconds. */
    abstract String timestampDefinition();

    /** A nullable text column of {@code length} characters (batch and actor columns). */
    String textDefinition(int length) {
        return "VARCHAR(" + length + ") NULL";
    }

    /** The false value of a flag column. */
    static String falseLiteral(FlagType type) {
        return type == FlagType.INTEGER ? "0" : "FALSE";
    }

    /** The statements that add the columns ({@code name definition} each) to {@code table}. */
    abstract List<String> addColumns(String table, List<String> definitions);

    /** The statements that give an existing flag column a false default and make it NOT NULL. */
    abstract List<String> repairFlag(DatabaseTable table, String tableSql, Column column, FlagType type)
        throws SQLException;

    /** The statements that make an existing timestamp column nullable, without default, with microseconds. */
    abstract List<String> repairTimestamp(DatabaseTable table, String tableSql, Column column) throws SQLException;

    /** {@code CREATE INDEX}. */
    abstract String createIndex(String name, String tableSql, List<String> columns);

    /** {@code DROP INDEX} of an index of {@code table}. */
    abstract String dropIndex(String name, DatabaseTable table, String tableSql);

    /** The condition that a row of {@code table} is live, as an index predicate or a generated column tests it. */
    String live(TableConfig table) {
        if (table.flagColumn() == null) {
            return quote(table.timestampColumn()) + " IS NULL";
        }
        return table.flagType() == FlagType.INTEGER ? quote(table.flagColumn()) + " = 0"
            : "NOT " + quote(table.flagColumn());
    }

    /** Whether adding columns with a constant default leaves the table's rows untouched (no rewrite). */
    abstract boolean addsColumnsInPlace();

    /** Whether widening a timestamp's precision leaves the rows untouched. */
    abstract boolean widensTimestampsInPlace();

    /** Whether the database runs DDL inside a transaction, so a failed migration leaves nothing behind. */
    public abstract boolean transactionalDdl();
}
