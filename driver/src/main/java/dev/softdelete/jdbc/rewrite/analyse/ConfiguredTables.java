package dev.softdelete.jdbc.rewrite.analyse;

import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Table;

/**
 * Decides which configured table, if any, a table reference in SQL names. Unquoted names match ignoring case;
 * quoted names follow the dialect (on PostgreSQL the name exactly, or folded to lower case as PostgreSQL folds the
 * driver's own unquoted names; ignoring case on MySQL/MariaDB and H2). An unqualified reference matches a
 * schema-qualified configuration (the search path is not known here), and an unqualified configuration matches every
 * schema: when in doubt, the table is treated as configured.
 */
public final class ConfiguredTables {
    private final List<TableConfig> tables;
    /** Plain tables whose rows include a configured table's (PostgreSQL inheritance and partitioning). */
    private final List<TableName> plainAncestors;
    /**
     * Partitions and inheriting tables of tables named like configured ones in schemas whose catalog was not read
     * (see {@code Catalog.unreadInheritance}); without a schema where the name alone denotes them.
     */
    private final List<TableName> unreadDescendants;
    private final Dialect dialect;

    public ConfiguredTables(Collection<TableConfig> tables, Dialect dialect) {
        this(tables, List.of(), List.of(), dialect);
    }

    public ConfiguredTables(Collection<TableConfig> tables, Collection<TableName> plainAncestors,
            Collection<TableName> unreadDescendants, Dialect dialect) {
        this.tables = List.copyOf(tables);
        this.plainAncestors = List.copyOf(plainAncestors);
        this.unreadDescendants = List.copyOf(unreadDescendants);
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The configuration of the table {@code table} refers to, or null. */
    public TableConfig lookup(Table table) {
        for (TableConfig t : tables) {
            if (denotes(table, t.name())) {
                return t;
            }
        }
        return null;
    }

    /**
     * Whether {@code table} may name a plain table whose rows include a configured table's: a table that a
     * configured one inherits from or partitions.
     */
    public boolean reachesConfigured(Table table) {
        for (TableName t : plainAncestors) {
            if (denotes(table, t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code table} may name a partition or inheriting table of a table named like a configured one, in a
     * schema whose catalog the driver did not read: its rows are soft-delete rows the driver cannot tell by name.
     */
    public boolean inUnreadSchema(Table table) {
        String schema = table.getSchemaName();
        for (TableName t : unreadDescendants) {
            // unqualified, the name is a table of the search path, which is not in that schema
            if (table.getName() != null && sameName(table.getName(), t.table())
                    && (t.schema() == null || schema != null && sameName(schema, t.schema()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code table} as written may denote {@code name}: an unqualified side matches any schema. */
    private boolean denotes(Table table, TableName name) {
        String schema = table.getSchemaName();
        return table.getName() != null && sameName(table.getName(), name.table())
                && (schema == null || name.schema() == null || sameName(schema, name.schema()));
    }

    /**
     * Whether an identifier as written in SQL (possibly quoted) names {@code configured}. PostgreSQL keeps the first
     * 63 bytes of a longer name, quoted or not: {@code <63-byte name>_x} is that table there (a probe read deleted
     * rows through such a spelling).
     */
    public boolean sameName(String written, String configured) {
        if (dialect == Dialect.POSTGRESQL) {
            written = Identifiers.postgresKept(written);
            configured = Identifiers.postgresKept(configured);
        }
        if (Identifiers.isQuoted(written)) {
            String bare = Identifiers.unquote(written);
            if (dialect == Dialect.POSTGRESQL) {
                // a configured name is written unquoted in the driver's own statements: PostgreSQL folds it, and
                // "customers" is the table of a configured Customers (one that exists only with capitals is refused
                // at connect); a name the catalog gives (a partition's) is the table's exact name
                return bare.equals(configured) || bare.equals(configured.toLowerCase(Locale.ROOT));
            }
            return dialect.quotedNamesIgnoreCase() ? bare.equalsIgnoreCase(configured) : bare.equals(configured);
        }
        return written.equalsIgnoreCase(configured);
    }
}
