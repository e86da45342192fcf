package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.Column;
import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.cli.check.Product;
import dev.softdelete.cli.check.TableResolver;
import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.integrity.GuardObject;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares a database with a configuration and plans what makes the schema ready for the driver, in this order:
 * <ol>
 * <li>the soft-delete columns of each configured table: added where missing (flag {@code NOT NULL DEFAULT FALSE},
 * timestamp with microseconds, batch and actor columns when configured), made usable where they exist but are not
 * (a nullable flag or one without a false default, a timestamp without microseconds, NOT NULL or with a default);</li>
 * <li>indexes the driver's statements look rows up by: the referencing columns of every foreign key into a
 * soft-delete table and of every cascade, and the timestamp (or batch) column of every table that has children;</li>
 * <li>unique keys made soft-delete-aware ({@link UniqueKeyFixes});</li>
 * <li>the guards of {@link GuardTriggers}: lock indexes (PostgreSQL) and guard triggers, where missing or out of
 * date.</li>
 * </ol>
 * It plans only what is missing, so a second run after the first finds nothing to do. The catalog is read with the
 * driver's {@link CatalogReader}, as the driver reads it.
 */
public final class MigrationPlanner {
    /** The prefix of the indexes on referencing columns. */
    static final String FOREIGN_KEY_INDEX_PREFIX = "softdelete_fk_";
    /** The prefix of the indexes on the timestamp (or batch) column of parents. */
    static final String EVENT_INDEX_PREFIX = "softdelete_event_";
    private static final int UUID_LENGTH = 36;
    private static final int ACTOR_LENGTH = 255;

    private final Connection connection;
    private final SoftDeleteConfig config;
    private final Dialect dialect;
    private final List<MigrationStep> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, DatabaseTable> resolved = new HashMap<>();
    private final Set<String> plannedIndexes = new HashSet<>();
    private TableResolver resolver;
    private Ddl ddl;
    private TableIndexes indexes;
    private String current;

    public MigrationPlanner(Connection connection, SoftDeleteConfig config, Dialect dialect) {
        this.connection = connection;
        this.config = config;
        this.dialect = dialect;
    }

    public MigrationPlan plan() throws SQLException {
        resolver = new TableResolver(connection, Product.of(connection.getMetaData()));
        current = resolver.currentContainer();
        ddl = Ddl.of(dialect, connection);
        indexes = new TableIndexes(connection, dialect);
        Catalog catalog = CatalogReader.read(connection, dialect, config);
        SoftDeleteConfig effective = catalog.effective(config);
        for (TableConfig t : config.tables()) {
            DatabaseTable found = resolve(t.name());
            if (found == null) {
                notes.add(t.name() + ": table not found (or found in several schemas); nothing planned for it");
            } else {
                columns(t, found);
            }
        }
        lookupIndexes(catalog, effective);
        uniqueKeys(catalog);
        guards(catalog);
        return new MigrationPlan(steps, notes, ddl.transactionalDdl());
    }

    private DatabaseTable resolve(TableName name) throws SQLException {
        String key = name.normalized();
        if (!resolved.containsKey(key)) {
            List<DatabaseTable> found = resolver.resolve(name);
            resolved.put(key, found.size() == 1 ? found.get(0) : null);
        }
        return resolved.get(key);
    }

    private static TableConfig table(SoftDeleteConfig config, TableName name) {
        for (TableConfig t : config.tables()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private void columns(TableConfig t, DatabaseTable found) throws SQLException {
        String tableSql = ddl.table(found, current);
        List<String> added = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<MigrationStep> repairs = new ArrayList<>();
        if (t.flagColumn() != null) {
            Column c = found.column(t.flagColumn());
            if (c == null) {
                added.add(ddl.quote(t.flagColumn()) + " " + ddl.flagDefinition(t.flagType()));
                names.add(t.flagColumn());
            } else if (!c.isBoolean() && !c.isInteger()) {
                notes.add(t.name() + "." + t.flagColumn() + ": a " + c.describe() + " cannot be a flag column;"
                    + " change its type by hand or configure another column");
            } else if (c.nullable() || c.defaultValue() == null || c.defaultIsTrue()) {
                repairs.add(new MigrationStep(t.name() + "." + t.flagColumn() + " (" + c.describe() + "): made NOT"
                    + " NULL DEFAULT " + Ddl.falseLiteral(t.flagType()) + "; existing NULLs count as live rows",
                    ddl.repairFlag(found, tableSql, c, t.flagType()), found,
                    c.nullable() ? MigrationStep.Cost.SCAN : MigrationStep.Cost.CATALOG));
            }
        }
        if (t.timestampColumn() != null) {
            Column c = found.column(t.timestampColumn());
            if (c == null) {
                added.add(ddl.quote(t.timestampColumn()) + " " + ddl.timestampDefinition());
                names.add(t.timestampColumn());
            } else if (!c.isTimestamp()) {
                notes.add(t.name() + "." + t.timestampColumn() + ": a " + c.describe() + " cannot be a timestamp"
                    + " column; change its type by hand or configure another column");
            } else {
                boolean coarse = c.fractionalDigits() >= 0 && c.fractionalDigits() < 6;
                if (t.flagColumn() == null && (!c.nullable() || c.defaultValue() != null)) {
                    // timestamp-only: the times already stored would read as deleted, every row of a NOT NULL one
                    notes.add(t.name() + "." + t.timestampColumn() + ": timestamp-only mode reads a row whose "
                        + t.timestampColumn() + " holds a time as deleted, and this " + c.describe() + " column"
                        + " holds one in rows that are live; made nullable without default, it would hide them;"
                        + " configure a flag column beside it, or clear its values by hand first");
                } else if (coarse || !c.nullable() || c.defaultValue() != null) {
                    boolean rewrite = coarse ? !ddl.widensTimestampsInPlace() : dialect.isMySqlFamily();
                    repairs.add(new MigrationStep(t.name() + "." + t.timestampColumn() + " (" + c.describe()
                        + "): made a nullable timestamp with microseconds and no default",
                        ddl.repairTimestamp(found, tableSql, c), found,
                        rewrite ? MigrationStep.Cost.REWRITE : MigrationStep.Cost.CATALOG));
                }
            }
        }
        if (t.batchColumn() != null && found.column(t.batchColumn()) == null) {
            added.add(ddl.quote(t.batchColumn()) + " " + ddl.textDefinition(UUID_LENGTH));
            names.add(t.batchColumn());
        }
        if (t.actorColumn() != null && found.column(t.actorColumn()) == null) {
            added.add(ddl.quote(t.actorColumn()) + " " + ddl.textDefinition(ACTOR_LENGTH));
            names.add(t.actorColumn());
        }
        if (!added.isEmpty()) {
            steps.add(new MigrationStep(t.name() + ": soft-delete column" + (names.size() == 1 ? " " : "s ")
                + String.join(", ", names) + " added", ddl.addColumns(tableSql, added), found,
                ddl.addsColumnsInPlace() ? MigrationStep.Cost.CATALOG : MigrationStep.Cost.REWRITE));
        }
        steps.addAll(repairs);
    }

    private void lookupIndexes(Catalog catalog, SoftDeleteConfig effective) throws SQLException {
        Set<TableName> parents = new LinkedHashSet<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent == null || table(effective, fk.configuredParent) == null) {
                continue;
            }
            parents.add(fk.configuredParent);
            DatabaseTable child = resolve(fk.child);
            if (child != null) {
                index(child, fk.childColumns, FOREIGN_KEY_INDEX_PREFIX, "foreign key " + fk.name + " of "
                    + fk.child.table() + " (ON DELETE " + onDelete(fk) + ") into soft-delete table " + fk.parent.table()
                    + ": the driver finds the rows that reference deleted rows by "
                    + String.join(", ", fk.childColumns));
            }
        }
        for (TableConfig t : effective.tables()) {
            for (Cascade edge : t.cascades()) {
                parents.add(t.name());
                DatabaseTable child = resolve(edge.table());
                if (child != null) {
                    index(child, edge.columns(), FOREIGN_KEY_INDEX_PREFIX, "cascade " + t.name() + " -> "
                        + edge.table() + ": the driver soft-deletes and restores children by "
                        + String.join(", ", edge.columns()));
                }
            }
        }
        for (TableName name : parents) {
            TableConfig t = table(effective, name);
            String column = t == null ? null : t.batchColumn() != null ? t.batchColumn() : t.timestampColumn();
            if (column == null || catalog.descendants().containsKey(name)) {
                continue;
            }
            DatabaseTable found = resolve(name);
            if (found != null) {
                index(found, List.of(column), EVENT_INDEX_PREFIX, name + " has children: cascades and the checks"
                    + " of foreign keys find the rows of one delete event by " + column);
            }
        }
    }

    private static String onDelete(ForeignKey fk) {
        return fk.onDelete.name().replace('_', ' ');
    }

    private void index(DatabaseTable table, List<String> columns, String prefix, String purpose)
            throws SQLException {
        List<String> lower = new ArrayList<>();
        columns.forEach(c -> lower.add(c.toLowerCase(Locale.ROOT)));
        if (!plannedIndexes.add(table.toString().toLowerCase(Locale.ROOT) + lower)
                || indexes.hasIndexStartingWith(table, columns)) {
            return;
        }
        String name = ddl.objectName(prefix + table.name() + "_" + String.join("_", columns));
        steps.add(new MigrationStep("index " + name + ": " + purpose,
            List.of(ddl.createIndex(name, ddl.table(table, current), columns)), table, MigrationStep.Cost.SCAN));
    }

    private void uniqueKeys(Catalog catalog) throws SQLException {
        UniqueKeyFixes fixes = new UniqueKeyFixes(connection, dialect, ddl, catalog, indexes);
        for (TableConfig t : config.tables()) {
            DatabaseTable found = resolve(t.name());
            if (found == null) {
                continue;
            }
            for (UniqueKey key : UniqueKeyFixes.unaware(catalog, t)) {
                UniqueKeyFix fix = fixes.fix(t, found, ddl.table(found, current), key);
                String subject = "unique key " + key.name + " (" + String.join(", ", key.columns) + ") of " + t.name();
                if (fix.problem != null) {
                    notes.add(subject + ": " + fix.problem);
                } else {
                    steps.add(new MigrationStep(subject + ": made soft-delete-aware, so that the key of a"
                        + " soft-deleted row can be inserted again, as after a hard delete", fix.statements, found,
                        MigrationStep.Cost.SCAN));
                }
            }
        }
    }

    private void guards(Catalog catalog) throws SQLException {
        GuardTriggers guards = new GuardTriggers(config, catalog, dialect);
        for (InstalledGuards.LeftOver left : new InstalledGuards(connection, dialect)
                .leftOver(guards.objects(), InstalledGuards.scope(config, catalog))) {
            // not dropped here: it may be another configuration's (two configurations, one schema)
            notes.add("guard trigger " + left.name + " on " + left.table + " is not needed by this configuration"
                + " (left over, or another configuration's) and still refuses a row whose parent is soft-deleted;"
                + " unless another configuration soft-deletes its parents, drop it: " + String.join("; ", left.drop));
        }
        if (guards.objects().isEmpty() && !guards.guarded().isEmpty()) {
            notes.add("no guard triggers on this database (H2's triggers are Java classes): a row can be written"
                + " that references a soft-deleted row, where the foreign key would fail after a hard delete");
            return;
        }
        InstalledGuards installed = new InstalledGuards(connection, dialect);
        for (GuardObject o : guards.objects()) {
            InstalledGuards.State state = installed.state(o);
            if (state == InstalledGuards.State.CURRENT) {
                continue;
            }
            String how = state == InstalledGuards.State.MISSING ? "" : " (replaces an out-of-date one)";
            DatabaseTable found = resolve(o.table);
            if (o.kind == GuardObject.Kind.LOCK_INDEX) {
                List<String> statements = new ArrayList<>();
                if (state == InstalledGuards.State.OUTDATED && found != null) {
                    statements.add(ddl.dropIndex(o.name, found, ddl.table(found, current)));
                }
                statements.addAll(o.statements);
                steps.add(new MigrationStep("lock index " + o.name + " on " + o.table.table() + how + ": a soft"
                    + " delete and a foreign-key check of a referencing row (or a SELECT ... FOR KEY SHARE) wait for"
                    + " each other, as with a hard delete", statements, found, MigrationStep.Cost.SCAN));
            } else {
                steps.add(new MigrationStep("guard trigger " + o.name + (o.event == null ? "" : " (" + o.event + ")")
                    + " on " + o.table.table() + how + ": writing a row of it that references a soft-deleted row"
                    + " fails as the foreign key fails for a deleted row", o.statements, found,
                    MigrationStep.Cost.CATALOG));
            }
        }
    }
}
