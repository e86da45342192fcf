package dev.softdelete.cli.init;

import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.cli.migrate.UniqueKeyFixes;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A starting {@code softdelete.yml} for chosen tables of a live schema, each entry with a comment saying what it
 * came from: the soft-delete columns a table already has ({@link SoftDeleteColumns}), reused; {@code cascade:}
 * entries from the {@code ON DELETE CASCADE} foreign keys between chosen tables; what the driver does with the other
 * foreign keys into them (RESTRICT / NO ACTION: checked, a delete fails like the key; SET NULL / SET DEFAULT: the
 * reference is cleared), with partitions and inheriting tables, {@code ON UPDATE} columns and unique keys. The
 * foreign keys and the rest are read with the driver's {@link CatalogReader}, as the driver reads them. The draft
 * starts in observe mode.
 */
public final class ConfigDraft {
    /** The default flag and timestamp columns, which {@code migrate} adds where a table has none of its own. */
    static final String FLAG = "is_deleted";
    static final String TIMESTAMP = "deleted_at";

    private final String yaml;
    private final int tables;
    private final int reused;
    private final int cascades;

    private ConfigDraft(String yaml, int tables, int reused, int cascades) {
        this.yaml = yaml;
        this.tables = tables;
        this.reused = reused;
        this.cascades = cascades;
    }

    /** The YAML text. */
    public String yaml() {
        return yaml;
    }

    /** {@code 5 tables (2 with soft-delete columns of their own), 1 cascade}. */
    public String summary() {
        return tables + " table" + (tables == 1 ? "" : "s") + " (" + reused + " with soft-delete columns of their own), "
            + cascades + " cascade" + (cascades == 1 ? "" : "s") + " from foreign keys";
    }

    /**
     * Drafts the configuration.
     *
     * @param chosen   the tables to configure, found in the database
     * @param qualify  whether to write names with their schema (when it is not the connection's)
     * @param heading  comment lines for the top (what the draft was made from)
     * @param leftOut  tables of the schema left out, each with why, for a comment
     */
    public static ConfigDraft draft(Connection connection, Dialect dialect, List<DatabaseTable> chosen,
                                    boolean qualify, List<String> heading, List<String> leftOut)
            throws SQLException {
        Map<String, DatabaseTable> byName = new LinkedHashMap<>();
        Map<String, SoftDeleteColumns> columns = new LinkedHashMap<>();
        for (DatabaseTable t : chosen) {
            byName.put(key(t), t);
        }
        Map<String, DatabaseTable> partitioned = new LinkedHashMap<>();
        for (DatabaseTable t : chosen) {
            if (t.type() != null && t.type().toUpperCase(Locale.ROOT).contains("PARTITIONED")) {
                partitioned.put(key(t), t);
            }
        }
        List<String> descendants = new ArrayList<>();
        if (!partitioned.isEmpty()) {
            // Partitions follow their table: the driver configures them with its settings.
            Catalog first = CatalogReader.read(connection, dialect, config(partitioned, Map.of(), qualify));
            for (Map.Entry<TableName, TableName> d : first.descendants().entrySet()) {
                for (DatabaseTable t : new ArrayList<>(byName.values())) {
                    if (t.name().equalsIgnoreCase(d.getKey().table()) && (d.getKey().schema() == null
                            || d.getKey().schema().equalsIgnoreCase(t.container()))) {
                        byName.remove(key(t));
                        descendants.add(t.name() + " (of " + d.getValue().table() + ")");
                    }
                }
            }
        }
        descendants.sort(String.CASE_INSENSITIVE_ORDER);
        for (DatabaseTable t : byName.values()) {
            columns.put(key(t), SoftDeleteColumns.of(t));
        }
        SoftDeleteConfig config = config(byName, columns, qualify);
        Catalog catalog = CatalogReader.read(connection, dialect, config);
        return new ConfigDraft.Writer(config, catalog, byName, columns).write(heading, leftOut, descendants);
    }

    private static String key(DatabaseTable t) {
        return t.toString().toLowerCase(Locale.ROOT);
    }

    private static TableName name(DatabaseTable t, boolean qualify) {
        return new TableName(qualify ? t.container() : null, t.name());
    }

    /** The configuration the draft stands for, without cascades (the catalog's CASCADE keys are read next). */
    private static SoftDeleteConfig config(Map<String, DatabaseTable> tables, Map<String, SoftDeleteColumns> found,
                                           boolean qualify) {
        List<TableConfig> configs = new ArrayList<>();
        for (Map.Entry<String, DatabaseTable> e : tables.entrySet()) {
            SoftDeleteColumns c = found.get(e.getKey());
            String flag = c == null ? FLAG : flagColumn(c);
            String timestamp = c == null ? TIMESTAMP : timestampColumn(c);
            configs.add(new TableConfig(name(e.getValue(), qualify), flag,
                c != null && c.flag != null ? c.flagType : FlagType.BOOLEAN, timestamp, null,
                c != null && c.actor != null ? c.actor.name() : null, List.of()));
        }
        return new SoftDeleteConfig("init", configs, Options.DEFAULTS);
    }

    /**
     * The flag column: the table's own, none (timestamp-only) when it has only a timestamp that can say "live", else
     * the default. A NOT NULL timestamp, or one with a default, holds a time in (nearly) every row: read as the only
     * marker, it would hide the whole table (a probe's legacy {@code NOT NULL DEFAULT '1970-01-01'}); it gets a flag
     * beside it.
     */
    private static String flagColumn(SoftDeleteColumns c) {
        if (c.flag != null) {
            return c.flag.name();
        }
        return timestampOnly(c) ? null : FLAG;
    }

    private static boolean timestampOnly(SoftDeleteColumns c) {
        return c.flag == null && c.timestamp != null && c.timestamp.nullable() && c.timestamp.defaultValue() == null;
    }

    private static String timestampColumn(SoftDeleteColumns c) {
        return c.timestamp != null ? c.timestamp.name() : TIMESTAMP;
    }

    /** Writes the YAML of one draft. */
    private static final class Writer {
        private final SoftDeleteConfig config;
        private final Catalog catalog;
        private final Map<String, DatabaseTable> tables;
        private final Map<String, SoftDeleteColumns> columns;
        private final StringBuilder out = new StringBuilder();
        private int reused;
        private int cascades;

        Writer(SoftDeleteConfig config, Catalog catalog, Map<String, DatabaseTable> tables,
               Map<String, SoftDeleteColumns> columns) {
            this.config = config;
            this.catalog = catalog;
            this.tables = tables;
            this.columns = columns;
        }

        ConfigDraft write(List<String> heading, List<String> leftOut, List<String> descendants) {
            for (String line : heading) {
                comment("", line);
            }
            comment("", "Each entry says what it came from. Read it through, then run 'migrate' (the DDL the schema"
                + " needs; --apply runs it) and 'check' with --config pointing here.");
            comment("", "It starts in observe mode: deletes stay real and the driver logs what it would do; set"
                + " mode: enforce (see options at the end) when the log is quiet.");
            if (!leftOut.isEmpty()) {
                comment("", "Left out: " + String.join(", ", leftOut) + ".");
            }
            if (!descendants.isEmpty()) {
                comment("", "Partitions and inheriting tables, configured by the driver with the settings of the"
                    + " table they belong to (read from the catalog): " + String.join(", ", descendants) + ".");
            }
            out.append("version: 1\n");
            out.append("defaults:\n");
            out.append("  flag-column: ").append(FLAG).append("        # where a table has no flag of its own;"
                + " migrate adds it\n");
            out.append("  timestamp-column: ").append(TIMESTAMP).append("   # microseconds: PostgreSQL TIMESTAMP,"
                + " MySQL/MariaDB DATETIME(6)\n");
            out.append("  flag-type: boolean\n");
            out.append("tables:\n");
            List<TableConfig> list = config.tables();
            List<DatabaseTable> found = new ArrayList<>(tables.values());
            for (int i = 0; i < list.size(); i++) {
                table(list.get(i), found.get(i));
            }
            out.append("options:\n");
            out.append("  mode: observe                  # observe: log only, every statement goes as written;"
                + " enforce: soft delete\n");
            out.append("  on-unparseable: reject         # a statement the driver cannot rewrite with certainty is"
                + " refused (SD001)\n");
            return new ConfigDraft(out.toString(), list.size(), reused, cascades);
        }

        private void table(TableConfig t, DatabaseTable found) {
            SoftDeleteColumns c = columns.get(key(found));
            String name = scalar(t.name().toString());
            comment("  ", t.name() + ": " + origin(t, c));
            for (String u : c.unusable) {
                comment("    ", "not used: " + u + ".");
            }
            if (c.timestamp != null && c.timestamp.fractionalDigits() >= 0 && c.timestamp.fractionalDigits() < 6) {
                comment("    ", c.timestamp.name() + " holds " + c.timestamp.fractionalDigits() + " fractional-second"
                    + " digits: migrate gives it microseconds, which delete events need.");
            }
            for (String column : catalog.autoUpdatedColumns(t.name())) {
                comment("    ", column + " is ON UPDATE CURRENT_TIMESTAMP: soft deletes and restores keep it as it"
                    + " was.");
            }
            for (UniqueKey k : UniqueKeyFixes.unaware(catalog, t)) {
                comment("    ", "unique key " + k.name + " (" + String.join(", ", k.columns) + ") still counts"
                    + " soft-deleted rows: migrate makes it ignore them.");
            }
            for (ForeignKey fk : catalog.foreignKeys()) {
                if (t.name().equals(fk.configuredChild) && fk.configuredParent == null
                        && fk.onDelete == ForeignKey.OnDelete.CASCADE) {
                    comment("    ", "foreign key " + fk.name + " -> " + fk.parent.table() + " ON DELETE CASCADE, from"
                        + " a table that is not chosen: hard-deleting its rows removes rows of this table for good"
                        + " (check reports it); choose " + fk.parent.table() + " too.");
                }
            }
            List<ForeignKey> edges = new ArrayList<>();
            for (ForeignKey fk : catalog.foreignKeysInto(t.name())) {
                String child = fk.child.table() + "(" + String.join(", ", fk.childColumns) + ")";
                switch (fk.onDelete) {
                    case CASCADE:
                        if (fk.configuredChild != null) {
                            edges.add(fk);
                        } else {
                            comment("    ", "referenced by " + child + " ON DELETE CASCADE (foreign key " + fk.name
                                + "), a table that is not chosen: a soft delete leaves its rows; choose "
                                + fk.child.table() + " too to soft-delete them along.");
                        }
                        break;
                    case SET_NULL:
                    case SET_DEFAULT:
                        comment("    ", "referenced by " + child + " ON DELETE " + fk.onDelete.name().replace('_', ' ')
                            + " (foreign key " + fk.name + "): the driver sets " + String.join(", ", fk.childColumns)
                            + " to " + (fk.onDelete == ForeignKey.OnDelete.SET_NULL ? "NULL" : "its default")
                            + " in the live rows that reference a row it soft-deletes, as the key would.");
                        break;
                    default:
                        comment("    ", "referenced by " + child + " ON DELETE " + fk.onDelete.name().replace('_', ' ')
                            + " (foreign key " + fk.name + "): the driver checks it: deleting a row that a live "
                            + fk.child.table() + " row references fails like the key.");
                }
            }
            List<String> settings = new ArrayList<>();
            if (!FLAG.equals(t.flagColumn())) {
                settings.add("flag-column: " + (t.flagColumn() == null ? "null" : scalar(t.flagColumn())));
            }
            if (t.flagColumn() != null && t.flagType() == FlagType.INTEGER) {
                settings.add("flag-type: integer");
            }
            if (!TIMESTAMP.equals(t.timestampColumn())) {
                settings.add("timestamp-column: " + scalar(t.timestampColumn()));
            }
            if (t.actorColumn() != null) {
                settings.add("actor-column: " + scalar(t.actorColumn()));
            }
            if (settings.isEmpty() && edges.isEmpty()) {
                out.append("  ").append(name).append(": {}\n");
                return;
            }
            out.append("  ").append(name).append(":\n");
            for (String s : settings) {
                out.append("    ").append(s).append('\n');
            }
            if (!edges.isEmpty()) {
                out.append("    cascade:\n");
                for (ForeignKey fk : edges) {
                    cascades++;
                    out.append("      # from foreign key ").append(fk.name).append(" ON DELETE CASCADE\n");
                    out.append("      - table: ").append(scalar(fk.configuredChild.toString())).append('\n');
                    out.append("        column: ").append(list(fk.childColumns)).append('\n');
                    out.append("        references: ").append(list(fk.parentColumns)).append('\n');
                }
            }
        }

        private String origin(TableConfig t, SoftDeleteColumns c) {
            if (!c.any()) {
                return "no soft-delete columns found; migrate adds " + FLAG + " and " + TIMESTAMP + ".";
            }
            reused++;
            String actor = c.actor == null ? "" : "; " + c.actor.name() + " receives who deleted";
            if (timestampOnly(c)) {
                return "timestamp-only: reuses " + c.timestamp.name() + " (" + c.timestamp.describe() + "); a row is"
                    + " live while it is NULL, so rows it already marks deleted are hidden" + actor + ".";
            }
            if (c.flag == null) {
                return "migrate adds the flag " + FLAG + "; " + c.timestamp.name() + " (" + c.timestamp.describe()
                    + ") holds a time in rows that are live (NOT NULL or a default), so it cannot be the only mark:"
                    + " it receives the deletion time" + actor + ".";
            }
            String flag = "reuses " + c.flag.name() + " (" + c.flag.describe() + ", "
                + (c.flagType == FlagType.INTEGER ? "an integer flag: 0 live, 1 deleted" : "a boolean flag") + ")";
            String timestamp = c.timestamp != null ? " and " + c.timestamp.name() + " (" + c.timestamp.describe() + ")"
                : "; migrate adds " + TIMESTAMP;
            return flag + timestamp + "; rows it already marks deleted are hidden" + actor + ".";
        }

        /**
         * A comment of wrapped lines; {@code indent} is where the {@code #} goes, two blanks being the level of a
         * table's key, and more blanks an indented remark under it (written after the {@code #}).
         */
        private void comment(String indent, String text) {
            String at = indent.length() > 2 ? "  " : indent;
            String hanging = indent.length() > 2 ? "   " + indent.substring(2) : "   ";
            StringBuilder line = new StringBuilder(at).append('#').append(indent.length() > 2 ? indent.substring(2) : "");
            int start = line.length();
            for (String word : text.split(" ")) {
                if (line.length() > start && line.length() + 1 + word.length() > 116) {
                    out.append(line).append('\n');
                    line.setLength(0);
                    line.append(at).append('#').append(hanging);
                    start = line.length();
                }
                line.append(' ').append(word);
            }
            out.append(line).append('\n');
        }
    }

    /** {@code a} or {@code [a, b]}. */
    private static String list(List<String> names) {
        List<String> scalars = new ArrayList<>();
        names.forEach(n -> scalars.add(scalar(n)));
        return scalars.size() == 1 ? scalars.get(0) : "[" + String.join(", ", scalars) + "]";
    }

    /** A YAML scalar: plain when it is an ordinary name, else double-quoted. */
    static String scalar(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean plain = text.matches("[A-Za-z_][A-Za-z0-9_.$]*") && !lower.equals("null") && !lower.equals("true")
            && !lower.equals("false") && !lower.equals("y") && !lower.equals("n") && !lower.equals("yes")
            && !lower.equals("no") && !lower.equals("on") && !lower.equals("off");
        return plain ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
