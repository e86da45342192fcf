package dev.softdelete.jdbc.integrity;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import dev.softdelete.jdbc.rewrite.recognise.GuardTriggerDdl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The database objects that make a foreign key into a soft-delete table behave as if deleted rows were gone, for
 * every writer, under concurrency. A foreign key only knows whether the parent row exists; a soft-deleted one still
 * does. So, for each table with foreign keys into soft-delete tables:
 * <ul>
 * <li>a guard trigger after INSERT and UPDATE of each row: when a live row references a parent that is soft-deleted,
 * the write fails with the foreign key's own error (PostgreSQL 23503, MySQL/MariaDB 23000 and error 1452). After,
 * so that it sees the row as the application's own BEFORE triggers left it (a probe's trigger that filled in the
 * key ran after a BEFORE guard and let a row reference a deleted parent), and only rows written (not those an
 * {@code ON CONFLICT DO NOTHING} or {@code INSERT IGNORE} skips as duplicates), as the foreign key's check. It reads the
 * parent with a lock (PostgreSQL {@code FOR KEY SHARE}, as the foreign key's check does; MySQL/MariaDB
 * {@code LOCK IN SHARE MODE}), so it waits for a soft delete of that parent in progress and then sees it;</li>
 * <li>on PostgreSQL, a unique index over the referenced key and the soft-delete column of each referenced table
 * ({@value #LOCK_INDEX_PREFIX}…): an UPDATE that changes a column of such an index takes the row lock a DELETE
 * takes ({@code FOR UPDATE}), so a soft delete and a child's foreign-key check wait for each other exactly as a hard
 * delete and the check do. Without it the soft delete's UPDATE takes a weaker lock, which the check does not wait
 * for; and one over the primary key and the soft-delete column of every other soft-delete table, so that an
 * application's {@code SELECT ... FOR KEY SHARE} waits for its soft delete as for a hard one.</li>
 * </ul>
 * The statements are plain SQL, idempotent (each object is dropped and created again), for a migration tool or
 * {@code softdelete-cli migrate}. H2 has no guards: its triggers are Java classes.
 */
public final class GuardTriggers {
    /** The name of the guard trigger (PostgreSQL) and the prefix of the guard triggers' names (MySQL/MariaDB). */
    public static final String TRIGGER_NAME = GuardTriggerDdl.PREFIX;
    /** The prefix of the lock indexes' names (PostgreSQL). */
    public static final String LOCK_INDEX_PREFIX = "softdelete_lock_";

    private final SoftDeleteConfig config;
    private final Catalog catalog;
    private final Dialect dialect;
    /** The referencing tables whose guard name cleaning would make another table's (see {@link #sharedNames}). */
    private final Set<TableName> sharedNames;

    public GuardTriggers(SoftDeleteConfig config, Catalog catalog, Dialect dialect) {
        this.config = catalog.effective(config);
        this.catalog = catalog;
        this.dialect = dialect;
        this.sharedNames = sharedNames();
    }

    /**
     * A table whose name cleaning changes (film$log) and another that cleans to the same (film_log) would share one
     * guard, the second replacing the first (a probe): the first gets a name of its own. Only then, so that an
     * installed guard keeps its name.
     */
    private Set<TableName> sharedNames() {
        Map<String, Integer> cleanedNames = new HashMap<>();
        Set<TableName> children = new LinkedHashSet<>();
        for (ForeignKey fk : guarded()) {
            if (children.add(fk.child)) {
                cleanedNames.merge(fk.child.schema() + "." + clean(fk.child.table()), 1, Integer::sum);
            }
        }
        Set<TableName> shared = new HashSet<>();
        for (TableName child : children) {
            if (cleanedNames.get(child.schema() + "." + clean(child.table())) > 1
                    && !clean(child.table()).equalsIgnoreCase(child.table())) {
                shared.add(child);
            }
        }
        return shared;
    }

    /** The foreign keys that need a guard: those into soft-delete tables. */
    public List<ForeignKey> guarded() {
        List<ForeignKey> result = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent != null && table(fk.configuredParent) != null) {
                result.add(fk);
            }
        }
        return result;
    }

    /** The statements that create (or replace) every guard, in order; empty on H2 and other databases. */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        for (GuardObject o : objects()) {
            statements.addAll(o.statements);
        }
        return statements;
    }

    /**
     * The objects of every guard, in the order their statements run: the lock indexes first (PostgreSQL), then the
     * triggers of each referencing table; empty on H2 and other databases.
     */
    public List<GuardObject> objects() {
        Map<TableName, List<ForeignKey>> byChild = new LinkedHashMap<>();
        for (ForeignKey fk : guarded()) {
            byChild.computeIfAbsent(fk.child, k -> new ArrayList<>()).add(fk);
        }
        List<GuardObject> objects = new ArrayList<>();
        if (dialect == Dialect.POSTGRESQL) {
            objects.addAll(postgresLockIndexes());
            byChild.forEach((child, keys) -> objects.add(postgresTrigger(child, keys)));
        } else if (dialect.isMySqlFamily()) {
            byChild.forEach((child, keys) -> {
                objects.add(mysqlTrigger(child, keys, "INSERT"));
                objects.add(mysqlTrigger(child, keys, "UPDATE"));
            });
        }
        return objects;
    }

    private TableConfig table(TableName name) {
        for (TableConfig t : config.tables()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The condition that a parent row (alias {@code p}) is soft-deleted. */
    private static String deleted(TableConfig parent, String alias) {
        if (parent.flagColumn() == null) {
            return alias + "." + parent.timestampColumn() + " IS NOT NULL";
        }
        return parent.flagType() == FlagType.INTEGER ? alias + "." + parent.flagColumn() + " <> 0"
                : alias + "." + parent.flagColumn();
    }

    /** The condition that the new row (of a soft-delete child table) is live; true for a plain child. */
    private static String newRowLive(TableConfig child) {
        if (child == null) {
            return "TRUE";
        }
        if (child.flagColumn() == null) {
            return "NEW." + child.timestampColumn() + " IS NULL";
        }
        return child.flagType() == FlagType.INTEGER ? "NEW." + child.flagColumn() + " = 0"
                : "NOT NEW." + child.flagColumn();
    }

    private List<GuardObject> postgresLockIndexes() {
        // one lock index per referenced (table, columns); its name is unique within the table's schema: the plain
        // name joins table and columns with '_', so customer_address(id) and customer(address_id) would share one
        Set<String> done = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> referenced = new LinkedHashSet<>();
        Map<String, String> nameOwners = new HashMap<>();
        List<GuardObject> indexes = new ArrayList<>();
        for (ForeignKey fk : guarded()) {
            TableConfig parent = table(fk.configuredParent);
            List<String> columns = new ArrayList<>(fk.parentColumns);
            columns.add(parent.flagColumn() != null ? parent.flagColumn() : parent.timestampColumn());
            String key = (fk.parent.schema() == null ? "" : fk.parent.schema()) + "." + fk.parent.table() + "("
                    + String.join(",", fk.parentColumns) + ")";
            String base = LOCK_INDEX_PREFIX + fk.parent.table() + "_" + String.join("_", fk.parentColumns);
            String name = identifier(base);
            String schema = fk.parent.schema() == null ? "" : fk.parent.schema().toLowerCase(Locale.ROOT);
            if (!done.contains(key.toLowerCase(Locale.ROOT)) && !names.add(schema + "." + name)) {
                name = identifier(base + "_" + Integer.toHexString(key.toLowerCase(Locale.ROOT).hashCode()));
                names.add(schema + "." + name);
            }
            // which bare name serves which table(columns), whatever the schema: an unqualified entry of the loop below
            // has no schema to tell its index from this one (a probe: a_b(c) lost its index to a(b_c))
            nameOwners.putIfAbsent(name, (fk.parent.table() + "(" + String.join(",", fk.parentColumns) + ")")
                    .toLowerCase(Locale.ROOT));
            // the configured table's own name and key, as the loop over primary keys below writes them; only for a
            // qualified entry: an unqualified one names the table of the search path, which need not be fk.parent
            // (a probe: s1.dup referenced, public.dup got no index); there the index's IF NOT EXISTS tells
            if (fk.configuredParent.schema() != null
                    && fk.parent.table().equalsIgnoreCase(fk.configuredParent.table())) {
                // with the configured schema: s1.dup being referenced says nothing of s2.dup (a probe)
                referenced.add(((fk.configuredParent.schema() == null ? "" : fk.configuredParent.schema()) + "."
                        + fk.configuredParent.table() + "(" + String.join(",", fk.parentColumns) + ")")
                        .toLowerCase(Locale.ROOT));
            }
            if (done.add(key.toLowerCase(Locale.ROOT))) {
                indexes.add(new GuardObject(GuardObject.Kind.LOCK_INDEX, fk.parent, name, String.join(", ", columns),
                        null, List.of("CREATE UNIQUE INDEX IF NOT EXISTS " + name + " ON " + fk.parent + " ("
                                + String.join(", ", columns) + ")")));
            }
        }
        // every soft-delete table's primary key too, referenced or not: without a lock index its soft delete is an
        // UPDATE of non-key columns (FOR NO KEY UPDATE), which an application's SELECT ... FOR KEY SHARE neither waits
        // for nor holds off, as it does the hard DELETE (FOR UPDATE): a probe locked a row being deleted so
        for (TableConfig t : config.tables()) {
            for (UniqueKey k : catalog.uniqueKeys(t.name())) {
                String key = t.name().table() + "(" + String.join(",", k.columns) + ")";
                String qualified = (t.name().schema() == null ? "" : t.name().schema()) + "." + key;
                if (!k.primary || k.columns.isEmpty() || k.deferrable
                        || !referenced.add(qualified.toLowerCase(Locale.ROOT))) {
                    // no primary key, or its lock index is there for a foreign key already; a DEFERRABLE one would
                    // be checked at once by a unique index over it (a probe's UPDATE t SET id = id + 1 failed)
                    continue;
                }
                List<String> columns = new ArrayList<>(k.columns);
                columns.add(t.flagColumn() != null ? t.flagColumn() : t.timestampColumn());
                String base = LOCK_INDEX_PREFIX + t.name().table() + "_" + String.join("_", k.columns);
                String name = identifier(base);
                String schema = t.name().schema() == null ? "" : t.name().schema().toLowerCase(Locale.ROOT);
                String owner = nameOwners.get(name);
                if (!names.add(schema + "." + name) || (owner != null && !owner.equals(key.toLowerCase(Locale.ROOT)))) {
                    name = identifier(base + "_" + Integer.toHexString(key.toLowerCase(Locale.ROOT).hashCode()));
                    names.add(schema + "." + name);
                }
                indexes.add(new GuardObject(GuardObject.Kind.LOCK_INDEX, t.name(), name, String.join(", ", columns),
                        null, List.of("CREATE UNIQUE INDEX IF NOT EXISTS " + name + " ON " + t.name() + " ("
                                + String.join(", ", columns) + ")")));
            }
        }
        return indexes;
    }

    private GuardObject postgresTrigger(TableName childName, List<ForeignKey> keys) {
        String functionName = guardName(TRIGGER_NAME + "_", childName);
        String function = (childName.schema() == null ? "" : childName.schema() + ".") + functionName;
        // runs as its owner (SECURITY DEFINER), as the key's own check runs as the table's: a writer of the child
        // needs no privilege on the parent (a probe's writer without UPDATE on it got 42501 on every write). Its
        // tables are schema-qualified and built-in functions resolve in pg_catalog first, so it takes the caller's
        // search path; a fixed one (SET search_path) cost 3 % of a child INSERT (RESULTS.md, 06:45)
        boolean qualified = keys.stream().allMatch(fk -> fk.parent.schema() != null);
        StringBuilder body = new StringBuilder("DECLARE gone boolean;\nBEGIN\n  -- as the owner, as the foreign key's"
                + " own check\n");
        for (ForeignKey fk : keys) {
            TableConfig parent = table(fk.configuredParent);
            TableConfig child = fk.configuredChild == null ? null : table(fk.configuredChild);
            List<String> newColumns = prefixed("NEW.", fk.childColumns);
            List<String> match = new ArrayList<>();
            for (int i = 0; i < fk.parentColumns.size(); i++) {
                match.add("p." + fk.parentColumns.get(i) + " = " + newColumns.get(i));
            }
            body.append("  IF (TG_OP = 'INSERT' OR (").append(String.join(", ", newColumns))
                    .append(") IS DISTINCT FROM (").append(String.join(", ", prefixed("OLD.", fk.childColumns)))
                    .append(") OR (").append(newRowLive(child)).append(") IS DISTINCT FROM (")
                    .append(newRowLive(child).replace("NEW.", "OLD.")).append("))");
            for (String c : newColumns) {
                body.append(" AND ").append(c).append(" IS NOT NULL");
            }
            body.append(" AND ").append(newRowLive(child)).append(" THEN\n")
                    .append("    SELECT ").append(deleted(parent, "p")).append(" INTO gone FROM ").append(fk.parent)
                    .append(" p WHERE ").append(String.join(" AND ", match)).append(" FOR KEY SHARE;\n")
                    .append("    IF gone THEN\n")
                    .append("      RAISE EXCEPTION 'insert or update on table \"%\" violates foreign key constraint"
                            + " \"%\"', TG_TABLE_NAME, ").append(literal(fk.name)).append("\n")
                    .append("        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = ")
                    .append(literal(fk.name)).append(", TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,\n")
                    .append("        DETAIL = format('Key (").append(String.join(", ", fk.childColumns))
                    .append(")=(%s) is not present in table \"").append(fk.parent.table())
                    .append("\".', concat_ws(', ', ").append(String.join(", ", newColumns)).append("));\n")
                    .append("    END IF;\n  END IF;\n");
        }
        body.append("  RETURN NEW;\nEND");
        return new GuardObject(GuardObject.Kind.TRIGGER, childName, functionName, "\n" + body + "\n", null, List.of(
                "CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                        + (qualified ? "" : " SET search_path FROM CURRENT") + " AS $softdelete$\n"
                        + body + "\n$softdelete$",
                "DROP TRIGGER IF EXISTS " + TRIGGER_NAME + " ON " + childName,
                "CREATE TRIGGER " + TRIGGER_NAME + " AFTER INSERT OR UPDATE ON " + childName
                        + " FOR EACH ROW EXECUTE FUNCTION " + function + "()"));
    }

    private GuardObject mysqlTrigger(TableName childName, List<ForeignKey> keys, String event) {
        String bare = guardName(TRIGGER_NAME + "_" + event.substring(0, 3).toLowerCase(Locale.ROOT) + "_", childName);
        String name = (childName.schema() == null ? "" : "`" + childName.schema() + "`.") + "`" + bare + "`";
        StringBuilder body = new StringBuilder("BEGIN\n  DECLARE gone INT DEFAULT 0;\n"
                + "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET gone = 0;\n");
        for (ForeignKey fk : keys) {
            TableConfig parent = table(fk.configuredParent);
            TableConfig child = fk.configuredChild == null ? null : table(fk.configuredChild);
            List<String> newColumns = prefixed("NEW.", fk.childColumns);
            List<String> match = new ArrayList<>();
            for (int i = 0; i < fk.parentColumns.size(); i++) {
                match.add("p." + fk.parentColumns.get(i) + " = " + newColumns.get(i));
            }
            String live = newRowLive(child);
            // a session that turned the keys' checks off (SET foreign_key_checks = 0) writes what the hard table takes
            body.append("  SET gone = 0;\n  IF @@foreign_key_checks AND ");
            if (event.equals("UPDATE")) {
                body.append("NOT (").append(nullSafeEqual(newColumns, prefixed("OLD.", fk.childColumns)))
                        .append(" AND (").append(live).append(") <=> (").append(live.replace("NEW.", "OLD."))
                        .append(")) AND ");
            }
            for (String c : newColumns) {
                body.append(c).append(" IS NOT NULL AND ");
            }
            body.append(live).append(" THEN\n")
                    // MIN: gone only when every referenced row is deleted (a key may reference a non-unique index,
                    // where InnoDB takes any matching row); NULL when none is there, for InnoDB's own check
                    .append("    SELECT MIN(").append(deleted(parent, "p")).append(") INTO gone FROM ")
                    .append(fk.parent).append(" p WHERE ").append(String.join(" AND ", match))
                    .append(" LOCK IN SHARE MODE;\n")
                    .append("    IF gone THEN\n      SIGNAL SQLSTATE '23000' SET MYSQL_ERRNO = 1452, MESSAGE_TEXT = ")
                    .append(literal("Cannot add or update a child row: a foreign key constraint fails ("
                            + mysqlName(fk.child) + ", CONSTRAINT `" + fk.name + "` FOREIGN KEY ("
                            + mysqlColumns(fk.childColumns) + ") REFERENCES " + mysqlName(fk.parent) + " ("
                            + mysqlColumns(fk.parentColumns) + "))"))
                    .append(";\n    END IF;\n  END IF;\n");
        }
        body.append("END");
        return new GuardObject(GuardObject.Kind.TRIGGER, childName, bare, body.toString(), event, List.of(
                "DROP TRIGGER IF EXISTS " + name,
                "CREATE TRIGGER " + name + " AFTER " + event + " ON " + childName + " FOR EACH ROW\n" + body));
    }

    private static String nullSafeEqual(List<String> left, List<String> right) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            parts.add(left.get(i) + " <=> " + right.get(i));
        }
        return String.join(" AND ", parts);
    }

    private static List<String> prefixed(String prefix, List<String> columns) {
        List<String> result = new ArrayList<>();
        columns.forEach(c -> result.add(prefix + c));
        return result;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A database identifier of at most 63 characters (PostgreSQL's limit; MySQL's is 64). */
    private static String clean(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
    }

    /** The guard name {@code prefix} + the child's table name, told apart from another table's that cleans alike. */
    private String guardName(String prefix, TableName child) {
        return identifier(prefix + child.table() + (sharedNames.contains(child)
                ? "_" + Integer.toHexString(child.table().hashCode()) : ""));
    }

    private static String identifier(String name) {
        String cleaned = clean(name);
        if (cleaned.length() <= 63) {
            return cleaned;
        }
        return cleaned.substring(0, 54) + "_" + Integer.toHexString(cleaned.hashCode());
    }

    private static String mysqlName(TableName name) {
        return (name.schema() == null ? "" : "`" + name.schema() + "`.") + "`" + name.table() + "`";
    }

    private static String mysqlColumns(List<String> columns) {
        return "`" + String.join("`, `", columns) + "`";
    }
}
