package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises, without a parse, DDL that can neither read nor remove rows of a table: {@code CREATE TABLE} without
 * a query, {@code CREATE INDEX}, sequences, types, schemas, {@code ALTER} (but for partitions dropped, truncated,
 * exchanged, detached or converted, {@code NO INHERIT} and {@code ALTER IGNORE}), {@code DROP}, {@code COMMENT},
 * {@code GRANT}, {@code REVOKE}, MySQL's {@code RENAME TABLE}. Such a
 * statement passes unchanged even where JSqlParser cannot parse it ({@code DROP TABLE t IF EXISTS} on H2,
 * {@code CREATE TABLE t (..., INDEX (name))} on MariaDB).
 *
 * <p>It is built not to be fooled: one statement only (a second one after a semicolon is doubt), no query word at
 * any depth ({@code SELECT}, {@code VALUES}, {@code TABLE} after {@code AS}, data-changing words other than the
 * {@code ON DELETE} / {@code ON UPDATE} of a foreign key), no {@code AS} at the top level of a {@code CREATE TABLE}
 * ({@code CREATE TABLE t AS ...}), no view, rule, trigger or routine, nothing whose lexing is in doubt (an
 * unterminated quote, a dollar-quoted body, a MySQL executable comment). Whatever it does not recognise goes on to
 * the parser, as before.
 */
public final class RowFreeDdl {
    /** Objects whose creation reads no rows (a view, trigger, rule or routine is not among them). */
    private static final Set<String> CREATABLE = Set.of("TABLE", "INDEX", "SEQUENCE", "SCHEMA", "DATABASE", "TYPE",
            "DOMAIN", "EXTENSION", "ROLE", "USER");
    /** Words between CREATE and the object's kind. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "TEMPORARY", "TEMP", "GLOBAL",
            "LOCAL", "UNLOGGED", "UNIQUE", "FULLTEXT", "SPATIAL", "ONLINE", "OFFLINE");
    /** Words that mean a query, a data change or code, wherever they stand. */
    private static final Set<String> MYSQL_INSPECTIONS = Set.of("SHOW", "DESCRIBE", "DESC", "EXPLAIN", "CHECK",
            "OPTIMIZE", "LOCK", "UNLOCK");
    private static final Set<String> POSTGRES_INSPECTIONS = Set.of("LOCK", "VACUUM", "ANALYZE", "REINDEX",
            "CLUSTER");
    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "VALUES", "INSERT", "DELETE", "UPDATE",
            "MERGE", "TRUNCATE", "EXECUTE", "EXEC", "CALL", "DO", "COPY", "REPLACE", "HANDLER", "LOAD", "WITH");
    /**
     * Partition operations that remove rows from the table, physically or into a table of their own (PostgreSQL's
     * DETACH, MariaDB's CONVERT PARTITION ... TO TABLE), where they are no longer soft-delete rows.
     */
    private static final Set<String> ROW_REMOVING_PARTITION_OPS = Set.of("DROP", "TRUNCATE", "EXCHANGE",
            "COALESCE", "REMOVE", "DETACH", "CONVERT");

    /** Storage engines that keep a table's rows when an {@code ALTER ... ENGINE = x} moves it to them. */
    private static final Set<String> ROW_KEEPING_ENGINES = Set.of("INNODB", "MYISAM", "ARIA");

    private RowFreeDdl() {
    }

    /** Whether {@code sql} is one DDL statement that can neither read nor remove rows. */
    public static boolean matches(String sql, Dialect dialect) {
        List<Token> words = oneStatement(sql, dialect);
        if (words == null) {
            return false;
        }
        String first = upper(sql, words.get(0));
        if (first.equals("GRANT") || first.equals("REVOKE")) {
            return true; // privilege names (SELECT, DELETE, ...) are words here, never a query
        }
        if (!wordsAllowed(sql, words)) {
            return false;
        }
        switch (first) {
            case "CREATE":
                return createIsRowFree(sql, words);
            case "ALTER":
                return alterIsRowFree(sql, words);
            case "DROP":
            case "COMMENT":
                return true;
            case "RENAME":
                return words.size() > 1 && words.get(1).is(sql, "TABLE");
            default:
                return false;
        }
    }

    /**
     * Whether {@code sql} is one statement that tells about a table without reading or changing its rows, and without
     * a query word anywhere: MySQL's and MariaDB's {@code SHOW ...}, {@code DESCRIBE} / {@code DESC} /
     * {@code EXPLAIN t [col]}, {@code CHECK} and {@code OPTIMIZE TABLE}, {@code LOCK} / {@code UNLOCK TABLES};
     * PostgreSQL's {@code LOCK}, {@code VACUUM}, {@code ANALYZE}, {@code REINDEX} and {@code CLUSTER}. Sent as
     * written (they were refused as unparseable, where the README said they pass; probes). Not MariaDB's
     * {@code ANALYZE}, which also runs a statement, nor {@code REPAIR TABLE}.
     */
    public static boolean inspects(String sql, Dialect dialect) {
        List<Token> words = oneStatement(sql, dialect);
        if (words == null || !wordsAllowed(sql, words)) {
            return false;
        }
        Set<String> kinds = dialect == Dialect.POSTGRESQL ? POSTGRES_INSPECTIONS
                : dialect.isMySqlFamily() ? MYSQL_INSPECTIONS : Set.of();
        String first = upper(sql, words.get(0));
        boolean explains = first.equals("EXPLAIN") || first.equals("DESCRIBE") || first.equals("DESC");
        for (int i = 1; i < words.size(); i++) {
            // MySQL 8's TABLE statement is a query without a query word: EXPLAIN ANALYZE TABLE t runs it, SHOW ...
            // WHERE x IN (TABLE t) reads it (a probe)
            if (words.get(i).is(sql, "TABLE") && (explains || words.get(i - 1).is(sql, '('))) {
                return false;
            }
        }
        return kinds.contains(first);
    }

    /** The words of {@code sql} when it is one statement that starts with a word (comments left out); else null. */
    private static List<Token> oneStatement(String sql, Dialect dialect) {
        List<Token> words = new ArrayList<>();
        List<Token> all = SqlLexer.tokens(sql, dialect);
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.kind == Kind.UNTERMINATED || t.kind == Kind.EXECUTABLE_COMMENT || t.kind == Kind.DOLLAR_QUOTED) {
                return null;
            }
            if (t.is(sql, ';')) {
                for (int j = i + 1; j < all.size(); j++) {
                    if (all.get(j).kind != Kind.COMMENT) {
                        return null; // a second statement
                    }
                }
                break;
            }
            if (t.kind != Kind.COMMENT) {
                words.add(t);
            }
        }
        return words.isEmpty() || words.get(0).kind != Kind.WORD ? null : words;
    }

    /**
     * No query words anywhere; {@code DELETE} and {@code UPDATE} only as a foreign key's {@code ON DELETE} /
     * {@code ON UPDATE} (and MySQL's {@code ON UPDATE CURRENT_TIMESTAMP}), {@code REPLACE} only in
     * {@code CREATE OR REPLACE}, {@code VALUES} only in a partition bound (PostgreSQL's {@code FOR VALUES}, MySQL's
     * {@code VALUES LESS THAN} and {@code VALUES IN}),
     * {@code WITH} only before a parenthesised option list ({@code WITH (fillfactor = 70)}) or in
     * {@code WITH GRANT OPTION} / {@code WITH ADMIN OPTION}.
     */
    private static boolean wordsAllowed(String sql, List<Token> words) {
        for (int i = 0; i < words.size(); i++) {
            Token t = words.get(i);
            if (t.kind != Kind.WORD) {
                continue;
            }
            if (i > 0 && t.is(sql, "TABLE") && words.get(i - 1).is(sql, '(')) {
                return false; // the TABLE command, a query (a probe's H2 CHECK (EXISTS (TABLE orders)))
            }
            String w = upper(sql, t);
            if (!QUERY_WORDS.contains(w)) {
                continue;
            }
            Token before = i > 0 ? words.get(i - 1) : null;
            Token after = i + 1 < words.size() ? words.get(i + 1) : null;
            boolean allowed = ((w.equals("DELETE") || w.equals("UPDATE")) && before != null && before.is(sql, "ON"))
                    || (w.equals("REPLACE") && before != null && before.is(sql, "OR") && i == 2)
                    || (w.equals("VALUES") && ((before != null && before.is(sql, "FOR"))
                            || (after != null && (after.is(sql, "LESS") || after.is(sql, "IN")))))
                    || (w.equals("WITH") && after != null && (after.is(sql, '(') || after.is(sql, "GRANT")
                            || after.is(sql, "ADMIN")));
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean createIsRowFree(String sql, List<Token> words) {
        int i = 1;
        while (i < words.size() && words.get(i).kind == Kind.WORD
                && CREATE_MODIFIERS.contains(upper(sql, words.get(i)))) {
            i++;
        }
        if (i >= words.size() || words.get(i).kind != Kind.WORD || !CREATABLE.contains(upper(sql, words.get(i)))) {
            return false;
        }
        if (!words.get(i).is(sql, "TABLE")) {
            return true;
        }
        int depth = 0;
        for (int j = i + 1; j < words.size(); j++) {
            Token t = words.get(j);
            if (t.is(sql, '(')) {
                depth++;
            } else if (t.is(sql, ')')) {
                depth--;
            } else if (depth == 0 && (t.is(sql, "AS") || t.is(sql, "TABLE"))) {
                return false; // CREATE TABLE t AS <query>, AS TABLE other
            }
        }
        return true;
    }

    /**
     * Whether an {@code ALTER} keeps every row where it is: not a partition operation that removes rows, not
     * PostgreSQL's {@code NO INHERIT} (the child's rows leave the parent, and with it the configuration they had
     * from it), not MySQL's {@code ALTER [ONLINE] IGNORE TABLE} (which drops the rows that duplicate a new unique
     * key), not MariaDB's {@code CONVERT TABLE t TO PARTITION} (rows change tables), not a storage {@code ENGINE}
     * outside {@link #ROW_KEEPING_ENGINES} (MRG_MyISAM and BLACKHOLE keep no rows), not {@code DISCARD TABLESPACE}.
     */
    private static boolean alterIsRowFree(String sql, List<Token> words) {
        boolean beforeTable = true;
        for (int j = 1; j < words.size(); j++) {
            Token t = words.get(j);
            if (beforeTable && t.is(sql, "IGNORE")) {
                return false; // ALTER [ONLINE] IGNORE TABLE
            }
            beforeTable &= !t.is(sql, "TABLE");
            if ((t.is(sql, "PARTITION") || t.is(sql, "PARTITIONS"))
                    && ROW_REMOVING_PARTITION_OPS.contains(upper(sql, words.get(j - 1)))) {
                return false;
            }
            if ((t.is(sql, "INHERIT") && words.get(j - 1).is(sql, "NO"))
                    || (t.is(sql, "TABLE") && words.get(j - 1).is(sql, "CONVERT"))
                    || (t.is(sql, "TABLESPACE") && words.get(j - 1).is(sql, "DISCARD"))
                    || (t.is(sql, "ENGINE") && !keepsRows(sql, words, j))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code ENGINE [=] name} at {@code engine} names an engine that keeps the rows. */
    private static boolean keepsRows(String sql, List<Token> words, int engine) {
        int name = engine + 1 < words.size() && words.get(engine + 1).is(sql, '=') ? engine + 2 : engine + 1;
        return name < words.size() && ROW_KEEPING_ENGINES.contains(upper(sql, words.get(name)));
    }

    /**
     * Whether an {@code ALTER} statement takes rows out of its table: drops, truncates, exchanges, detaches or
     * converts a partition, ends an inheritance, or drops duplicates ({@code ALTER IGNORE}).
     */
    public static boolean removesPartitionRows(String sql, Dialect dialect) {
        List<Token> words = new ArrayList<>();
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind != Kind.COMMENT) {
                words.add(t);
            }
        }
        return !words.isEmpty() && words.get(0).is(sql, "ALTER") && !alterIsRowFree(sql, words);
    }

    /**
     * The tables a {@code DROP [TEMPORARY] TABLE [IF EXISTS] a, s.b [CASCADE | RESTRICT]} names, each as {schema or
     * null, table} as written (quotes kept); null for any other statement. Dropping a partition or an inheriting
     * table of a configured table removes rows of that table (PostgreSQL), as MySQL's {@code DROP PARTITION} does.
     */
    public static List<String[]> droppedTables(String sql, Dialect dialect) {
        // every statement of the text: "SELECT 1; DROP TABLE partition" drops it as surely as the DROP alone
        List<String[]> all = new ArrayList<>();
        boolean[] any = {false};
        StatementWords.first(sql, dialect, (text, words) -> {
            List<String[]> names = droppedIn(text, words);
            if (names != null) {
                any[0] = true;
                all.addAll(names);
            }
            return null;
        });
        return any[0] ? all : null;
    }

    /**
     * The schemas a {@code DROP SCHEMA [IF EXISTS] a, b CASCADE} in any statement of the text names, as written; null
     * when there is none (without CASCADE PostgreSQL drops no schema that holds a table).
     */
    public static List<String> droppedSchemas(String sql, Dialect dialect) {
        if (!StatementWords.mayStartWith(sql, dialect, "DROP", "BEGIN")) {
            return null;
        }
        List<String> all = new ArrayList<>();
        StatementWords.first(sql, dialect, (text, words) -> {
            if (words.size() > 3 && words.get(0).is(text, "DROP") && words.get(1).is(text, "SCHEMA")
                    && words.get(words.size() - 1).is(text, "CASCADE")) {
                for (int i = 2; i < words.size() - 1; i++) {
                    Token t = words.get(i);
                    if ((t.kind == Kind.WORD || t.kind == Kind.QUOTED) && !t.is(text, "IF") && !t.is(text, "EXISTS")) {
                        all.add(t.text(text));
                    }
                }
            }
            return null;
        });
        return all.isEmpty() ? null : all;
    }

    /** The tables one statement's words drop, as {@link #droppedTables}; null when it is no DROP TABLE. */
    private static List<String[]> droppedIn(String sql, List<Token> words) {
        int i = 0;
        if (words.size() < 3 || !words.get(i++).is(sql, "DROP")) {
            return null;
        }
        if (words.get(i).is(sql, "TEMPORARY") || words.get(i).is(sql, "TEMP")) {
            i++;
        }
        if (i >= words.size() || !words.get(i++).is(sql, "TABLE")) {
            return null;
        }
        if (i + 1 < words.size() && words.get(i).is(sql, "IF") && words.get(i + 1).is(sql, "EXISTS")) {
            i += 2;
        }
        List<String[]> names = new ArrayList<>();
        while (i < words.size() && (words.get(i).kind == Kind.WORD || words.get(i).kind == Kind.QUOTED)) {
            String first = words.get(i).text(sql);
            i++;
            List<String> parts = new ArrayList<>(List.of(first));
            while (i + 1 < words.size() && words.get(i).is(sql, '.')) {
                parts.add(words.get(i + 1).text(sql));
                i += 2;
            }
            int n = parts.size();
            names.add(new String[] {n > 1 ? parts.get(n - 2) : null, parts.get(n - 1)});
            if (i < words.size() && words.get(i).is(sql, ',')) {
                i++;
            } else {
                break;
            }
        }
        return names;
    }

    private static String upper(String sql, Token t) {
        return t.text(sql).toUpperCase(Locale.ROOT);
    }
}
