package dev.softdelete.jdbc.rewrite.analyse;

import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.Collection;
import java.util.List;
import net.sf.jsqlparser.schema.Table;

/**
 * Decides which configured table, if any, a table reference in SQL names. Unquoted names match ignoring case;
 * quoted names follow the dialect (exact on PostgreSQL and H2, ignoring case on MySQL/MariaDB). An unqualified
 * reference matches a schema-qualified configuration (the search path is not known here), and an unqualified
 * configuration matches every schema: when in doubt, the table is treated as configured.
 */
public final class ConfiguredTables {
    private final List<TableConfig> tables;
    /** Plain tables whose rows include a configured table's (PostgreSQL inheritance and partitioning). */
    private final List<TableName> plainAncestors;
    private final Dialect dialect;

    public ConfiguredTables(Collection<TableConfig> tables, Dialect dialect) {
        this(tables, List.of(), dialect);
    }

    public ConfiguredTables(Collection<TableConfig> tables, Collection<TableName> plainAncestors, Dialect dialect) {
        this.tables = List.copyOf(tables);
        this.plainAncestors = List.copyOf(plainAncestors);
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The configuration of the table {@code table} refers to, or null. */
    public TableConfig lookup(Table table) {
        String name = table.getName();
        if (name == null) {
            return null;
        }
        String schema = table.getSchemaName();
        for (TableConfig t : tables) {
            if (sameName(name, t.name().table())
                    && (schema == null || t.name().schema() == null || sameName(schema, t.name().schema()))) {
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
        String name = table.getName();
        if (name == null) {
            return false;
        }
        String schema = table.getSchemaName();
        for (TableName t : plainAncestors) {
            if (sameName(name, t.table()) && (schema == null || t.schema() == null || sameName(schema, t.schema()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an identifier as written in SQL (possibly quoted) names {@code configured}. */
    public boolean sameName(String written, String configured) {
        if (Identifiers.isQuoted(written)) {
            String bare = Identifiers.unquote(written);
            return dialect.quotedNamesIgnoreCase() ? bare.equalsIgnoreCase(configured) : bare.equals(configured);
        }
        return written.equalsIgnoreCase(configured);
    }
}
