package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.ConfiguredTables;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * An UPDATE of one configured table alone (no join, no FROM, no WITH, no schema the catalog was not read for) that
 * assigns no column a foreign key references, where no key into the table acts on UPDATE: besides soft deletes and
 * plain INSERTs, what may follow a soft delete with cascades or checks in a batch. Such an UPDATE changes no row of
 * another table behind the driver's back (no foreign-key action, no view, no plain table's partition), so the batch
 * sees by its name whether it writes a table those steps read. A probe's UPDATE of a column that a stored generated
 * key column is computed from moved, through {@code ON UPDATE CASCADE}, the row a RESTRICT check had to see.
 */
public final class ConfiguredRowsUpdate {
    private ConfiguredRowsUpdate() {
    }

    /** Whether every statement of {@code tree} is such an UPDATE. */
    public static boolean matches(SyntaxTree tree, ConfiguredTables configured, Catalog catalog) {
        if (tree.statements().isEmpty()) {
            return false;
        }
        for (Statement statement : tree.statements()) {
            if (!(statement instanceof Update)) {
                return false;
            }
            Update update = (Update) statement;
            TableConfig table = update.getTable() == null ? null : configured.lookup(update.getTable());
            if (table == null || update.getFromItem() != null || notEmpty(update.getJoins())
                    || notEmpty(update.getStartJoins()) || notEmpty(update.getWithItemsList())) {
                return false;
            }
            if (configured.dialect().isMySqlFamily()
                    && !Identifiers.unquote(update.getTable().getName()).equals(table.name().table())) {
                // MySQL and MariaDB on Linux tell table names apart by case: G is another table than the configured
                // g, or a view (a probe's view over the referencing table); the driver treats it as g when in doubt
                return false;
            }
            if (inInheritanceTree(table.name(), catalog)) {
                // PostgreSQL: an UPDATE of an inheriting table or partition changes rows a key declared above or
                // below it holds, and one of the partition key moves the row, a DELETE to keys into its partition
                // (a probe: the RESTRICT check of a soft delete earlier in the batch no longer saw its row)
                return false;
            }
            String schema = update.getTable().getSchemaName();
            Set<String> referenced = referencedColumns(table.name(), catalog);
            if (referenced == null || schema != null && !catalog.describes(table.name(), Identifiers.unquote(schema))) {
                return false;
            }
            for (UpdateSet set : update.getUpdateSets()) {
                for (Column column : set.getColumns()) {
                    if (referenced.contains(Identifiers.asciiLowerCase(Identifiers.unquote(column.getColumnName())))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The columns of {@code table}, or of its partitions and inheriting tables, that a foreign key references; null
     * when such a key changes its referencing rows on UPDATE (an UPDATE of another column can change the key itself
     * when a generated column is computed from it). Keys into a table of the same name in another schema count too:
     * the configuration's names match leniently, and the UPDATE may be of that table.
     */
    private static Set<String> referencedColumns(TableName table, Catalog catalog) {
        Set<String> columns = new HashSet<>();
        Set<TableName> ancestors = catalog.partitionedAncestors(table);
        for (ForeignKey fk : catalog.foreignKeys()) {
            TableName parent = fk.configuredParent != null ? fk.configuredParent : fk.parent;
            if (parent.equals(table) || table.equals(catalog.descendants().get(parent))
                    || ancestors.contains(fk.parent) || fk.parent.table().equalsIgnoreCase(table.table())) {
                if (fk.actsOnUpdate) {
                    return null;
                }
                fk.parentColumns.forEach(c -> columns.add(Identifiers.asciiLowerCase(c)));
            }
        }
        return columns;
    }

    /** Whether {@code table} inherits from, partitions, or is inherited from or partitioned by, another table. */
    private static boolean inInheritanceTree(TableName table, Catalog catalog) {
        return !catalog.partitionedAncestors(table).isEmpty() || catalog.descendants().containsValue(table)
                || catalog.configuredDescendants().containsKey(table)
                || catalog.configuredDescendants().containsValue(table);
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
