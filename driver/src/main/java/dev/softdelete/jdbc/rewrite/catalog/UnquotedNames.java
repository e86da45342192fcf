package dev.softdelete.jdbc.rewrite.catalog;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the driver writes unquoted in statements of its own (cascades, foreign-key checks, restores, purge, the
 * soft-delete columns it splices), and the first of them that the database would not read as that name: a reserved
 * word, or a name with characters that need quotes. Unquoted, {@code user} in PostgreSQL is the current user, and
 * {@code WHERE user IN (SELECT user FROM grp …)} holds for every row: a cascade on such a column would soft-delete
 * live rows of the whole child table. Other reserved words make the driver's statements fail. The driver refuses
 * the connection instead (see {@code SharedEngine}).
 *
 * <p>The reserved words are those each database refused as a column name (created, compared, selected) on this
 * project's test servers: PostgreSQL 15 (with 16's {@code system_user}), MariaDB 10.11 (and, for MySQL, MySQL 8.0's
 * own additions: {@code groups}, {@code rank}, {@code system}, ...), H2 2.3. A MariaDB server reached through
 * Connector/J ({@code jdbc:mysql:}) is checked against MariaDB's words.
 */
public final class UnquotedNames {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** PostgreSQL's words that cannot name a column unquoted. */
    private static final Set<String> POSTGRESQL = words(
            "all analyse analyze and any array as asc asymmetric authorization binary both case cast check "
            + "collate collation column concurrently constraint create cross current_catalog current_date "
            + "current_role current_schema current_time current_timestamp current_user default deferrable desc "
            + "distinct do else end except false fetch for foreign freeze from full grant group having ilike in "
            + "initially inner intersect into is isnull join lateral leading left like limit localtime "
            + "localtimestamp natural not notnull null offset on only or order outer overlaps placing primary "
            + "references returning right select session_user similar some symmetric system_user table tablesample "
            + "then to trailing true union unique user using variadic verbose when where window with");

    /** MySQL 8's: MariaDB's and the words MySQL reserves besides. */
    private static final Set<String> MYSQL = words(
            "accessible add all alter analyze and as asc asensitive before between bigint binary blob both by "
            + "call cascade case change char character check collate column condition constraint continue convert "
            + "create cross cube cume_dist current_date current_role current_time current_timestamp current_user "
            + "cursor database databases day_hour day_microsecond day_minute day_second dec decimal declare default "
            + "delayed delete delete_domain_id dense_rank desc describe deterministic distinct distinctrow div "
            + "do_domain_ids double drop dual each else elseif empty enclosed escaped except exists exit explain "
            + "false fetch first_value float float4 float8 for force foreign from fulltext function generated get "
            + "grant group grouping groups having high_priority hour_microsecond hour_minute hour_second if ignore "
            + "ignore_domain_ids in index infile inner inout insensitive insert int int1 int2 int3 int4 int8 "
            + "integer intersect interval into io_after_gtids io_before_gtids is iterate join json_table key keys "
            + "kill lag last_value lateral lead leading leave left like limit linear lines load localtime "
            + "localtimestamp lock long longblob longtext loop low_priority master_bind master_demote_to_replica "
            + "master_demote_to_slave master_ssl_verify_server_cert match maxvalue mediumblob mediumint mediumtext "
            + "middleint minute_microsecond minute_second mod modifies natural no_write_to_binlog not nth_value "
            + "ntile null numeric of offset on optimize optimizer_costs optionally or order out outer outfile over "
            + "page_checksum parse_vcol_expr partition percent_rank portion precision primary procedure purge range "
            + "rank read read_write reads real recursive ref_system_id references regexp release rename repeat "
            + "replace require resignal restrict return returning revoke right rlike row row_number rows schema "
            + "schemas second_microsecond select sensitive separator set show signal smallint spatial specific sql "
            + "sql_big_result sql_buffer_result sql_cache sql_calc_found_rows sql_no_cache sql_small_result "
            + "sqlexception sqlstate sqlwarning ssl starting stats_auto_recalc stats_persistent stats_sample_pages "
            + "stored straight_join system table terminated then tinyblob tinyint tinytext to trailing trigger true "
            + "undo union unique unlock unsigned update usage use using utc_date utc_time utc_timestamp values "
            + "varbinary varchar varcharacter varying virtual when where while window with write xor year_month "
            + "zerofill");

    /** MariaDB's. */
    private static final Set<String> MARIADB = words(
            "accessible add all alter analyze and as asc asensitive before between bigint binary blob both by "
            + "call cascade case change char character check collate column condition constraint continue convert "
            + "create cross current_date current_role current_time current_timestamp current_user cursor databases "
            + "day_hour day_microsecond day_minute day_second dec decimal declare default delayed delete "
            + "delete_domain_id desc describe deterministic distinct distinctrow div do_domain_ids double drop dual "
            + "each else elseif enclosed escaped except exists exit explain false fetch float float4 float8 for "
            + "force foreign from fulltext grant group having high_priority hour_microsecond hour_minute "
            + "hour_second if ignore ignore_domain_ids in index infile inner inout insensitive insert int int1 int2 "
            + "int3 int4 int8 integer intersect interval into is iterate join key keys kill leading leave left like "
            + "limit linear lines load localtime localtimestamp lock long longblob longtext loop low_priority "
            + "master_demote_to_replica master_demote_to_slave master_ssl_verify_server_cert match maxvalue "
            + "mediumblob mediumint mediumtext middleint minute_microsecond minute_second mod modifies natural "
            + "no_write_to_binlog not null numeric offset on optimize optionally or order out outer outfile over "
            + "page_checksum parse_vcol_expr partition portion precision primary procedure purge range read "
            + "read_write reads real recursive ref_system_id references regexp release rename repeat replace "
            + "require resignal restrict return returning revoke right rlike row_number rows schemas "
            + "second_microsecond select sensitive separator set show signal smallint spatial specific sql "
            + "sql_big_result sql_buffer_result sql_cache sql_calc_found_rows sql_no_cache sql_small_result "
            + "sqlexception sqlstate sqlwarning ssl starting stats_auto_recalc stats_persistent stats_sample_pages "
            + "straight_join table terminated then tinyblob tinyint tinytext to trailing trigger true undo union "
            + "unique unlock unsigned update usage use using utc_date utc_time utc_timestamp values varbinary "
            + "varchar varcharacter varying when where while with write xor year_month zerofill");

    /** H2's. */
    private static final Set<String> H2 = words(
            "_rowid_ all and any array as asymmetric authorization between case cast check constraint cross "
            + "current_catalog current_date current_path current_role current_schema current_time current_timestamp "
            + "current_user day default distinct else end except exists false fetch for foreign from full group "
            + "having hour if in inner intersect interval is join key left like limit localtime localtimestamp "
            + "minus minute month natural not null offset on or order primary qualify right row rownum second "
            + "select session_user set some symmetric system_user table to top true uescape union unique unknown "
            + "user using value values when where window with year");

    private UnquotedNames() {
    }

    private static Set<String> words(String list) {
        return Set.copyOf(Arrays.asList(list.split(" ")));
    }

    /**
     * The first name of {@code config} or of the foreign keys into its tables that the driver writes unquoted and
     * {@code dialect} would not read as written, described with where it is used; null when there is none.
     */
    /** How the database folds a name written without quotes. */
    public enum Folding {
        /** PostgreSQL; H2 with DATABASE_TO_LOWER. */
        LOWER,
        /** H2 by default. */
        UPPER,
        /** MySQL/MariaDB; H2 with CASE_INSENSITIVE_IDENTIFIERS or neither setting. */
        NONE
    }

    /** As the four-argument form, folding as the dialect does by default. */
    public static String firstNeedingQuotes(SoftDeleteConfig config, Catalog catalog, Dialect dialect) {
        return firstNeedingQuotes(config, catalog, dialect, dialect == Dialect.POSTGRESQL ? Folding.LOWER
                : dialect == Dialect.H2 ? Folding.UPPER : Folding.NONE);
    }

    /**
     * The first name the driver writes unquoted that the database would read as something else, described; null when
     * there is none. Names from the configuration are folded as written; names the catalog gives are written as it
     * stores them, so with {@code folding} they must already be in the folded case.
     */
    public static String firstNeedingQuotes(SoftDeleteConfig config, Catalog catalog, Dialect dialect,
            Folding folding) {
        List<String[]> names = new ArrayList<>();
        for (TableConfig t : config.tables()) {
            String where = "soft-delete table " + t.name();
            table(names, t.name(), where);
            for (String column : new String[] {t.flagColumn(), t.timestampColumn(), t.batchColumn(), t.actorColumn()}) {
                names.add(new String[] {column, "column " + column + " of " + where});
            }
            for (Cascade c : t.cascades()) {
                String edge = "the cascade from " + t.name() + " to " + c.table();
                table(names, c.table(), edge);
                c.columns().forEach(column -> names.add(new String[] {column, "column " + column + " of " + edge}));
                c.references().forEach(column -> names.add(new String[] {column, "column " + column + " of "
                        + edge}));
            }
            for (String column : catalog.autoUpdatedColumns(t.name())) {
                names.add(new String[] {column, "column " + column + " of " + where + " (ON UPDATE)"});
            }
        }
        for (String[] name : names) {
            if (name[0] != null && needsQuotes(name[0], dialect)) {
                return name[1];
            }
        }
        // names as the catalog stores them, which the driver writes as they are: on PostgreSQL one with capitals
        // (a schema "MixT") is folded to another name unquoted, and its steps would reach that one's tables
        List<String[]> stored = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent == null && !catalog.isPartitionedAncestor(fk.parent)) {
                continue;
            }
            String key = "foreign key " + fk.name + " of " + fk.child + " into " + fk.parent;
            table(stored, fk.child, key);
            table(stored, fk.parent, key);
            fk.childColumns.forEach(column -> stored.add(new String[] {column, "column " + column + " of " + key}));
            fk.parentColumns.forEach(column -> stored.add(new String[] {column, "column " + column + " of " + key}));
        }
        for (String[] name : stored) {
            if (name[0] != null && (needsQuotes(name[0], dialect)
                    || folding == Folding.LOWER && !name[0].equals(name[0].toLowerCase(Locale.ROOT))
                    || folding == Folding.UPPER && !name[0].equals(name[0].toUpperCase(Locale.ROOT)))) {
                return name[1];
            }
        }
        return null;
    }

    private static void table(List<String[]> names, TableName table, String where) {
        names.add(new String[] {table.table(), "table " + table + " (" + where + ")"});
        if (table.schema() != null) {
            names.add(new String[] {table.schema(), "schema " + table.schema() + " (" + where + ")"});
        }
    }

    /** Whether {@code name}, written without quotes, is not read by {@code dialect} as that name. */
    public static boolean needsQuotes(String name, Dialect dialect) {
        if (!PLAIN.matcher(name).matches()) {
            return true;
        }
        String word = name.toLowerCase(Locale.ROOT);
        switch (dialect) {
            case MYSQL:
                return MYSQL.contains(word);
            case MARIADB:
                return MARIADB.contains(word);
            case H2:
                return H2.contains(word);
            default:
                return POSTGRESQL.contains(word);
        }
    }
}
