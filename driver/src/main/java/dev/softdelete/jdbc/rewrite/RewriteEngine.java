package dev.softdelete.jdbc.rewrite;

import dev.softdelete.config.OnUnparseable;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.ConfiguredTables;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.PositionException;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import dev.softdelete.jdbc.rewrite.plan.CascadePlanner;
import dev.softdelete.jdbc.rewrite.plan.ConfiguredRowsUpdate;
import dev.softdelete.jdbc.rewrite.plan.OwnChildrenSubquery;
import dev.softdelete.jdbc.rewrite.plan.Refusals;
import dev.softdelete.jdbc.rewrite.plan.RestorePlanner;
import dev.softdelete.jdbc.rewrite.plan.RewritePlan;
import dev.softdelete.jdbc.rewrite.plan.SelfReadingDelete;
import dev.softdelete.jdbc.rewrite.plan.StatementPlanner;
import dev.softdelete.jdbc.rewrite.recognise.CatalogChange;
import dev.softdelete.jdbc.rewrite.recognise.ClientCharacterSet;
import dev.softdelete.jdbc.rewrite.recognise.DeltaTable;
import dev.softdelete.jdbc.rewrite.recognise.DynamicSql;
import dev.softdelete.jdbc.rewrite.recognise.LexicalDisagreement;
import dev.softdelete.jdbc.rewrite.recognise.LexicalMentions;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import dev.softdelete.jdbc.rewrite.recognise.MaskedText;
import dev.softdelete.jdbc.rewrite.recognise.OwnVariables;
import dev.softdelete.jdbc.rewrite.recognise.ParseFailure;
import dev.softdelete.jdbc.rewrite.recognise.RowFreeDdl;
import dev.softdelete.jdbc.rewrite.recognise.OtherQuoteReadings;
import dev.softdelete.jdbc.rewrite.recognise.SessionSchemaStatement;
import dev.softdelete.jdbc.rewrite.recognise.SessionStateChange;
import dev.softdelete.jdbc.rewrite.recognise.SqlParser;
import dev.softdelete.jdbc.rewrite.recognise.StatementHints;
import dev.softdelete.jdbc.rewrite.recognise.StatementWords;
import dev.softdelete.jdbc.rewrite.recognise.TableMentionFilter;
import dev.softdelete.jdbc.rewrite.recognise.GuardTriggerDdl;
import dev.softdelete.jdbc.rewrite.recognise.TemporaryTable;
import dev.softdelete.jdbc.rewrite.recognise.TransactionControl;
import dev.softdelete.jdbc.rewrite.recognise.TruncateCascade;
import dev.softdelete.jdbc.rewrite.recognise.UndeleteStatement;
import dev.softdelete.jdbc.rewrite.recognise.ExpandingUpperCase;
import dev.softdelete.jdbc.rewrite.recognise.UnicodeIdentifiers;
import dev.softdelete.jdbc.rewrite.render.Splicer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.delete.Delete;

/**
 * The rewrite engine: SQL text in, SQL text out. Free of JDBC; one instance per configuration and dialect, shared
 * by every connection and thread. The path of a statement: recognise (pre-filter, hints, parse), analyse (where
 * each table reference stands), plan (what to insert, or refuse), render (splice into the original text).
 */
public final class RewriteEngine {
    /** Parse budget: JSqlParser can take seconds on some nested inputs. */
    static final long PARSE_BUDGET_MILLIS = 2_000;

    /** The configuration as loaded; the engine works with it plus what {@link #catalog} adds. */
    private final SoftDeleteConfig config;
    private final Catalog catalog;
    private final Dialect dialect;
    private final TableMentionFilter mentions;
    private final LexicalMentions lexicalMentions;
    private final ConfiguredTables configured;
    private final SqlParser parser;
    private final StatementPlanner planner;
    private final CascadePlanner cascades;
    private final RestorePlanner restore;
    /**
     * Whether a configured table has a foreign key here (PostgreSQL): TRUNCATE ... CASCADE of any table may then
     * reach it through a chain of keys, without naming it.
     */
    private final boolean truncateCascadeReaches;
    /** Configured table and schema names (lower case), which a masked copy never masks. */
    private final Set<String> protectedNames;
    /** Lower case: the tables the driver's own statements may name (see refuseShadowingTemporaryTable). */
    private final Set<String> stepTables;
    /**
     * Outcomes by SQL text and visibility. The configuration is the engine's own, so its version is implied: a new
     * configuration makes a new engine (see {@code RewriteEngines}) and a new cache.
     */
    private final RewriteCache cache = new RewriteCache();
    /** The shapes answered last, which a statement with new literals is matched against before it is lexed. */
    private final RecentShapes recentShapes = new RecentShapes();
    /** Whether statements with literals may share the cached rewrite of their shape (off only in tests). */
    private final boolean literalShapes;
    /** Told about cache hits and parse times (metrics). */
    private final RewriteListener listener;

    /** An engine that knows nothing of the database's catalog (no inheritance children, no foreign keys). */
    public RewriteEngine(SoftDeleteConfig config, Dialect dialect) {
        this(config, dialect, Catalog.EMPTY);
    }

    /** An engine for {@code config} on a database whose catalog says {@code catalog}. */
    public RewriteEngine(SoftDeleteConfig config, Dialect dialect, Catalog catalog) {
        this(config, dialect, catalog, RewriteListener.NONE);
    }

    /** As {@link #RewriteEngine(SoftDeleteConfig, Dialect, Catalog)}, telling {@code listener} about its work. */
    public RewriteEngine(SoftDeleteConfig config, Dialect dialect, Catalog catalog, RewriteListener listener) {
        this(config, dialect, catalog, true, PARSE_BUDGET_MILLIS, listener);
    }

    /** An engine whose literal-shape path can be switched off, so that tests can compare both paths. */
    RewriteEngine(SoftDeleteConfig config, Dialect dialect, boolean literalShapes) {
        this(config, dialect, Catalog.EMPTY, literalShapes, PARSE_BUDGET_MILLIS, RewriteListener.NONE);
    }

    /** An engine with its own parse budget (tests of the budget). */
    RewriteEngine(SoftDeleteConfig config, Dialect dialect, boolean literalShapes, long parseBudgetMillis) {
        this(config, dialect, Catalog.EMPTY, literalShapes, parseBudgetMillis, RewriteListener.NONE);
    }

    private RewriteEngine(SoftDeleteConfig given, Dialect dialect, Catalog catalog, boolean literalShapes,
            long parseBudgetMillis, RewriteListener listener) {
        SoftDeleteConfig effective = catalog.effective(given);
        this.literalShapes = literalShapes;
        this.listener = listener;
        this.config = given;
        this.catalog = catalog;
        this.dialect = dialect;
        // the names a statement must be parsed for: configured tables, and plain tables whose rows include theirs
        List<TableName> mentionable = new ArrayList<>();
        // PostgreSQL keeps a name's first 63 bytes: a longer configured name is found in a text by those
        effective.tables().forEach(t -> mentionable.add(dialect == Dialect.POSTGRESQL ? new TableName(
                t.name().schema() == null ? null : Identifiers.postgresKept(t.name().schema()),
                Identifiers.postgresKept(t.name().table())) : t.name()));
        mentionable.addAll(catalog.plainAncestors());
        mentionable.addAll(catalog.unreadInheritance());
        List<TableName> searched = new ArrayList<>(mentionable);
        OwnVariables.PREFIXES.forEach(v -> searched.add(new TableName(null, v)));
        this.mentions = new TableMentionFilter(searched, dialect);
        this.lexicalMentions = new LexicalMentions(mentionable, dialect.isMySqlFamily());
        this.configured = new ConfiguredTables(effective.tables(), catalog.plainAncestors(),
                catalog.unreadInheritance(), dialect);
        this.parser = new SqlParser(dialect, parseBudgetMillis);
        this.planner = new StatementPlanner(dialect, effective.options(), catalog);
        this.cascades = new CascadePlanner(effective, given, dialect, catalog);
        this.restore = new RestorePlanner(effective, dialect, catalog);
        Set<String> names = new HashSet<>();
        for (TableConfig t : effective.tables()) {
            names.add(t.name().table().toLowerCase(Locale.ROOT));
            if (t.name().schema() != null) {
                names.add(t.name().schema().toLowerCase(Locale.ROOT));
            }
        }
        this.protectedNames = Set.copyOf(names);
        Set<String> steps = new HashSet<>();
        for (TableConfig t : effective.tables()) {
            steps.add(t.name().table().toLowerCase(Locale.ROOT));
            t.cascades().forEach(c -> steps.add(c.table().table().toLowerCase(Locale.ROOT)));
        }
        boolean reaches = false;
        for (ForeignKey fk : catalog.foreignKeys()) {
            reaches |= fk.configuredChild != null;
            steps.add(fk.child.table().toLowerCase(Locale.ROOT));
            steps.add(fk.parent.table().toLowerCase(Locale.ROOT));
        }
        Set<String> kept = new HashSet<>();
        steps.forEach(n -> kept.add(dialect == Dialect.POSTGRESQL ? Identifiers.postgresKept(n) : n));
        this.stepTables = Set.copyOf(kept);
        this.truncateCascadeReaches = dialect == Dialect.POSTGRESQL && reaches;
    }

    /**
     * Returns what to send instead of {@code sql}: {@link Rewrite#UNCHANGED} when it goes as written. The cache is
     * asked first, so that a text met before costs no pass over it.
     *
     * @throws StatementRefusedException when the statement must not reach the database
     */
    public Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException {
        // a hit must not cost a pass over the text (a string computes its hash once)
        Object cached = cache.get(sql, visibility);
        if (cached != null) {
            listener.cacheHit();
            return outcomeOf(cached);
        }
        if (!mentions.mentionsConfiguredTable(sql)) {
            refuseUndelete(sql);
            refuseTruncateCascade(sql);
            refuseExpandingSpelling(sql);
            refusePlainTextDdl(sql);
            refuseSqlFromParameter(sql);
            Rewrite plain = asWritten(sql);
            if (cache.seenBefore(sql)) {
                // a text that comes back (a prepared statement on plain tables): spare it the pre-filter's pass
                cache.put(sql, visibility, plain, RewriteCache.SHAPE_UNUSABLE);
            }
            return plain;
        }
        return uncached(sql, visibility);
    }

    /**
     * As {@link #rewrite}, for a text the caller has not met recently (a connection's statement that missed its
     * recent rewrites): such a text is most often new to the engine too, a statement with new literals. The
     * pre-filter goes first, and a text that names no configured table goes as written without touching the cache
     * shared by every connection: no read of its admitted bits, no note in its doorkeeper. A text that names one
     * asks the cache next, as {@link #rewrite} does. The outcome is the same either way; the caller remembers the
     * texts it meets again and asks {@link #rewrite} for those.
     *
     * @throws StatementRefusedException when the statement must not reach the database
     */
    public Rewrite rewriteNew(String sql, Visibility visibility) throws StatementRefusedException {
        if (!mentions.mentionsConfiguredTable(sql)) {
            refuseUndelete(sql);
            refuseTruncateCascade(sql);
            refuseExpandingSpelling(sql);
            refusePlainTextDdl(sql);
            refuseSqlFromParameter(sql);
            return asWritten(sql);
        }
        Object cached = cache.get(sql, visibility);
        if (cached != null) {
            listener.cacheHit();
            return outcomeOf(cached);
        }
        return uncached(sql, visibility);
    }

    /**
     * A temporary table named like a table the driver's own statements name (a configured table, a cascade's child,
     * either side of a foreign key of one): it would hide that table from them (see {@link TemporaryTable}).
     */
    private void refuseShadowingTemporaryTable(String sql) throws StatementRefusedException {
        String name = TemporaryTable.shadowing(sql, dialect, stepTables);
        if (name != null) {
            throw Refusals.unrewritable("a temporary relation, or one renamed, named " + name + " would hide the table "
                    + name + ", which softdelete-jdbc's cascades, foreign-key checks and restores read and change, from"
                    + " them for the rest of the session; name it otherwise");
        }
    }

    /**
     * The DDL refusals a text that names no configured table may still meet (a temporary relation shadowing a step
     * table, a guard taken away, a schema dropped with a partition in it), and a SET of a character set that hides
     * backslashes, behind one cheap look at the text (its first word: DDL or SET).
     */
    private void refusePlainTextDdl(String sql) throws StatementRefusedException {
        if (StatementWords.mayHoldDdl(sql, dialect)) {
            refuseBackslashHidingCharacterSet(sql);
            boolean hardDelete = StatementHints.of(sql).hardDelete();
            for (String text : ddlTexts(sql)) {
                refuseShadowingTemporaryTable(text);
                refuseGuardRemoval(text, hardDelete);
                refuseDropOfSchemaOfRowsOfConfigured(text, hardDelete);
            }
        }
    }

    /** SQL text handed to the database by a bind parameter (see {@link DynamicSql#fromParameter}). */
    private void refuseSqlFromParameter(String sql) throws StatementRefusedException {
        String what = DynamicSql.fromParameter(sql, dialect);
        if (what != null) {
            throw Refusals.unrewritable("it hands SQL text to the database to run (" + what + ") from a bind"
                    + " parameter, which softdelete-jdbc cannot read before the database runs it; write the text as"
                    + " a literal (refused if it names a soft-delete table) or run it on the raw driver");
        }
    }

    /**
     * The texts the DDL recognisers read: the statement, on PostgreSQL and H2 with its Unicode-escaped identifiers
     * spelled out ({@code DROP SCHEMA U&"\0061rch" CASCADE} dropped a partition's rows past them), and the SQL text it
     * hands the database, decoded ({@code EXECUTE IMMEDIATE 'DROP TRIGGER ...'}, {@code DO $$ BEGIN DROP SCHEMA ...
     * $$}: probes took guards and partitions away so).
     */
    private void refuseOwnVariables(String sql) throws StatementRefusedException {
        String variable = OwnVariables.named(sql, dialect);
        if (variable != null) {
            throw Refusals.forbidden((OwnVariables.PREFIXES.contains(variable)
                    ? "it names softdelete-jdbc's own session variable " + variable + "..."
                    : "it uses " + variable + " beside a soft-delete table: the setting it changes could be"
                            + " softdelete-jdbc's own session variable")
                    + ", which holds the delete event its cascades, foreign-key checks and restores find rows by");
        }
    }

    private List<String> ddlTexts(String sql) throws StatementRefusedException {
        String text = dialect.isMySqlFamily() ? sql : UnicodeIdentifiers.spelledOut(sql, false);
        if (text == null) {
            throw Refusals.unrewritable("a Unicode-escaped identifier (U&\"...\") that softdelete-jdbc cannot decode"
                    + " with certainty, in a statement that may change the schema");
        }
        List<String> otherReadings = OtherQuoteReadings.afterEverySemicolon(text);
        if (DynamicSql.find(text, dialect) == null && otherReadings.isEmpty()) {
            return List.of(text);
        }
        List<String> handed = DynamicSql.find(text, dialect) == null ? List.of()
                : DynamicSql.handedTexts(text, dialect);
        if (handed == null) {
            throw Refusals.unrewritable("it hands SQL text to the database to run in a literal that softdelete-jdbc"
                    + " cannot decode with certainty, or nested deeper than it reads");
        }
        List<String> texts = new ArrayList<>(handed);
        texts.add(0, text);
        texts.addAll(otherReadings);
        return texts;
    }

    /**
     * DDL that drops or disables a referential-integrity guard (see {@link GuardTriggerDdl}), unless the
     * {@code hard-delete} hint says it is meant: a child could then be written under a soft-deleted parent.
     */
    private void refuseGuardRemoval(String sql, boolean hardDelete) throws StatementRefusedException {
        String what = hardDelete ? null : GuardTriggerDdl.disabling(sql, dialect);
        if (what != null) {
            throw Refusals.forbidden(what + ": the guards stand for the foreign keys of soft-delete tables' children"
                    + " (a child written under a soft-deleted parent is refused, as the key refuses it under a deleted"
                    + " one); run such DDL on the raw driver, or re-run softdelete-cli migrate after it, or use the /*"
                    + " softdelete:hard-delete */ hint if that is meant");
        }
    }

    /** On H2, a configured table's name spelled with a letter H2 upper-cases into several (see ExpandingUpperCase). */
    private void refuseExpandingSpelling(String sql) throws StatementRefusedException {
        if (dialect == Dialect.H2) {
            String name = ExpandingUpperCase.configuredName(sql, n -> configured.lookup(new Table(n)) != null);
            if (name != null) {
                throw Refusals.unrewritable("the name " + name + " is a soft-delete table's for H2, which upper-cases"
                        + " it to " + name.toUpperCase(Locale.ROOT) + "; write the table's name");
            }
        }
    }

    /**
     * PostgreSQL's {@code DROP TABLE} of a partition or an inheriting table of a configured table, or of a plain table
     * a configured one is a partition of or inherits from (its partitions go with it, and CASCADE takes inheriting
     * tables): it removes rows of the configured table, soft-deleted ones among them, as MySQL's {@code ALTER TABLE
     * ... DROP PARTITION} does, which is refused too. A {@code DROP TABLE} of the configured table itself is the
     * operator's explicit act, and passes.
     */
    private void refuseDropOfRowsOfConfigured(String sql) throws StatementRefusedException {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        refuseDropOfSchemaOfRowsOfConfigured(sql, false);
        List<String[]> dropped = RowFreeDdl.droppedTables(sql, dialect);
        if (dropped == null) {
            return;
        }
        for (String[] name : dropped) {
            Table table = new Table(name[0], name[1]);
            TableConfig config = configured.lookup(table);
            if (config != null && catalog.descendants().containsKey(config.name())
                    || config == null && configured.reachesConfigured(table)) {
                throw dropsRowsOfConfigured("DROP TABLE of " + table.getFullyQualifiedName());
            }
        }
    }

    /**
     * PostgreSQL's {@code DROP SCHEMA s CASCADE} where {@code s} holds a partition or an inheriting table of a
     * configured table in another schema, or a plain table one partitions or inherits from: the rows go with it (a
     * probe), as with a DROP TABLE of it. The text names no configured table, so this is asked on the plain path too.
     */
    private void refuseDropOfSchemaOfRowsOfConfigured(String sql, boolean hardDelete)
            throws StatementRefusedException {
        List<String> schemas = dialect == Dialect.POSTGRESQL && !hardDelete ? RowFreeDdl.droppedSchemas(sql, dialect)
                : null;
        if (schemas == null) {
            return;
        }
        List<TableName> relatives = new ArrayList<>(catalog.descendants().keySet());
        relatives.addAll(catalog.plainAncestors());
        for (String schema : schemas) {
            for (TableName t : relatives) {
                if (t.schema() != null && configured.sameName(schema, t.schema())) {
                    throw dropsRowsOfConfigured("DROP SCHEMA " + schema + " CASCADE, which drops " + t + ",");
                }
            }
        }
    }

    private static StatementRefusedException dropsRowsOfConfigured(String what) {
        return Refusals.forbidden(what + " removes rows of a soft-delete table (a partition, or a table that inherits"
                + " from one or that one is a partition of or inherits from): they would be gone physically,"
                + " soft-deleted ones included; use the /* softdelete:hard-delete */ hint if that is meant");
    }

    /** A text that names no configured table: as written, marked when it moves the session to other schemas. */
    private Rewrite asWritten(String sql) {
        return SessionSchemaStatement.matches(sql, dialect) || SessionSchemaStatement.inSeveral(sql, dialect)
                ? Rewrite.SESSION_SCHEMAS : Rewrite.UNCHANGED;
    }

    /** An UNDELETE of a table that is not configured: refused (the database would not understand it either). */
    private void refuseUndelete(String sql) throws StatementRefusedException {
        if (UndeleteStatement.keywordAt(sql, dialect) >= 0) {
            throw Refusals.forbidden("UNDELETE works on soft-delete tables only");
        }
    }

    /**
     * PostgreSQL's TRUNCATE ... CASCADE where a configured table has a foreign key: refused unless the hard-delete
     * hint says it is meant, as a TRUNCATE of the configured table itself is.
     */
    private void refuseTruncateCascade(String sql) throws StatementRefusedException {
        // the hint is honoured for one statement only: not for a string of several
        if (truncateCascadeReaches && TruncateCascade.matches(sql)
                && (!StatementHints.of(sql).hardDelete() || sql.indexOf(';') >= 0)) {
            throw Refusals.forbidden("TRUNCATE ... CASCADE empties every table with a foreign key to the truncated"
                    + " ones, physically, and here soft-delete tables have such keys (the driver does not follow"
                    + " which tables the text truncates); use the /* softdelete:hard-delete */"
                    + " hint if that is meant");
        }
    }

    /** A text that names a configured table and is not cached: its shape's rewrite, or the exact path's outcome. */
    private Rewrite uncached(String sql, Visibility visibility) throws StatementRefusedException {
        if (SessionSchemaStatement.matches(sql, dialect) && sql.indexOf(';') < 0
                && SessionSchemaStatement.namesOnly(sql, dialect)) {
            // a move names schemas, roles or databases, which may be named like a configured table; what a text that
            // names none meets, it meets too (DROP SCHEMA s CASCADE -- orders dropped a partition's rows past them)
            refuseOwnVariables(sql);
            refusePlainTextDdl(sql);
            return Rewrite.SESSION_SCHEMAS;
        }
        Rewrite byShape = literalShapes ? rewriteByShape(sql, visibility) : null;
        if (byShape != null) {
            if (cache.seenBefore(sql)) {
                // the same literals again (a constant in the code, not a concatenated value): cache the text
                cache.put(sql, visibility, byShape, RewriteCache.SHAPE_UNUSABLE);
            }
            return byShape;
        }
        return outcomeOf(outcome(sql, visibility).outcome);
    }

    /** A cached or computed outcome as the caller gets it: the rewrite, or the refusal thrown afresh. */
    private static Rewrite outcomeOf(Object outcome) throws StatementRefusedException {
        if (outcome instanceof RewriteCache.Refusal) {
            RewriteCache.Refusal r = (RewriteCache.Refusal) outcome;
            throw new StatementRefusedException(r.sqlState, r.message);
        }
        return (Rewrite) outcome;
    }

    /** An outcome just computed, with the shape path's verdict on it. */
    private static final class Computed {
        final Object outcome;
        final byte verdict;

        Computed(Object outcome, byte verdict) {
            this.outcome = outcome;
            this.verdict = verdict;
        }
    }

    /**
     * The exact path: plans {@code sql} and caches the outcome (a rewrite, or a refusal kept as its state and
     * message), with the verdict of the shape path on it. A parse over its budget is thrown and not remembered.
     */
    private Computed outcome(String sql, Visibility visibility) throws StatementRefusedException {
        long start = System.nanoTime();
        try {
            return plannedOutcome(sql, visibility);
        } finally {
            listener.parsed(System.nanoTime() - start);
        }
    }

    private Computed plannedOutcome(String sql, Visibility visibility) throws StatementRefusedException {
        Object outcome;
        byte verdict;
        try {
            Rewrite r = planSafely(sql, visibility);
            outcome = r;
            if (r.restore() || r.changesSchema() || UndeleteStatement.keywordAt(sql, dialect) >= 0) {
                verdict = RewriteCache.SHAPE_UNUSABLE; // restores copy the statement's condition elsewhere
            } else {
                verdict = r.unchanged() ? RewriteCache.SHAPE_UNKNOWN : RewriteCache.SHAPE_USABLE;
            }
        } catch (StatementRefusedException e) {
            verdict = RewriteCache.SHAPE_UNUSABLE;
            if (config.options().onUnparseable() == OnUnparseable.PASSTHROUGH
                    && StatementRefusedException.UNREWRITABLE.equals(e.sqlState())) {
                outcome = Rewrite.UNCHANGED;
            } else if (e.getCause() instanceof ParseFailure && ((ParseFailure) e.getCause()).overBudget()) {
                throw e; // a slow parse may be a cold JVM: do not remember it
            } else {
                outcome = new RewriteCache.Refusal(e);
            }
        }
        cache.put(sql, visibility, outcome, verdict);
        return new Computed(outcome, verdict);
    }

    /**
     * The literal-insensitive path: the rewrite of {@code sql} from the cached rewrite of its shape (its literals
     * replaced by {@code ?}), with the literals put back; null when the exact path must decide. Only outcomes that
     * are a plain replacement of the text or no change at all, with nothing around them that depends on the
     * statement (a soft delete's cascades do not), are shared; refusals, pass-throughs, failed parses and restores
     * take the exact path, so that what reaches the database, and every refusal message, is what the exact path
     * gives.
     */
    Rewrite rewriteByShape(String sql, Visibility visibility) {
        if (UndeleteStatement.keywordAt(sql, dialect) >= 0) {
            return null; // a restore repeats its condition, literals included, in other statements
        }
        if (OwnVariables.named(sql, dialect) != null) {
            // the shape's plan would read '?' where a literal names the driver's own variables (a probe's
            // setit('softdelete.event_at', ...) of an application's function ran, its cascade finding no children)
            return null;
        }
        Rewrite recent = recentShapes.rewrite(sql, visibility);
        if (recent != null) {
            listener.cacheHit();
            return recent;
        }
        LiteralShape shape = LiteralShape.of(sql, dialect);
        if (shape == null) {
            return null;
        }
        String text = shape.text();
        if (!RewriteCache.fits(text)) {
            return null; // too large to be cached: one parse, on the exact path
        }
        RewriteCache.Entry entry = cache.entry(text);
        Object outcome = entry == null ? null : entry.outcome(visibility);
        byte verdict;
        boolean fromCache = outcome != null;
        if (fromCache) {
            verdict = entry.shape(visibility);
        } else {
            if (!mentions.mentionsConfiguredTable(text)) {
                return null; // the names were in literals: the exact path decides how the text lexes
            }
            Computed computed;
            try {
                computed = outcome(text, visibility);
            } catch (StatementRefusedException overBudget) {
                return null;
            }
            outcome = computed.outcome;
            verdict = computed.verdict;
            entry = cache.entry(text); // null when the cache did not take it
        }
        if (verdict == RewriteCache.SHAPE_UNUSABLE || !(outcome instanceof Rewrite)) {
            return null;
        }
        Rewrite r = (Rewrite) outcome;
        if (r.unchanged()) {
            if (verdict == RewriteCache.SHAPE_UNKNOWN) {
                // Unchanged after a parse, or because the parse failed and no token names a table? Only the first
                // may stand for other statements; a failed parse names a table (and refuses) when a token does.
                verdict = lexicalMentions.firstMention(text) != null ? RewriteCache.SHAPE_USABLE
                        : RewriteCache.SHAPE_UNUSABLE;
                if (entry != null && entry.outcome(visibility) == outcome) {
                    entry.shape(visibility, verdict);
                }
            }
            if (verdict != RewriteCache.SHAPE_USABLE) {
                return null;
            }
            if (fromCache) {
                listener.cacheHit();
            }
            recentShapes.remember(shape, sql, visibility, Rewrite.UNCHANGED, null);
            return Rewrite.UNCHANGED;
        }
        if (r.restore()) {
            return null;
        }
        String rewrittenShape = r.sqlFor(text);
        String rewritten = shape.reinsert(rewrittenShape);
        if (rewritten == null) {
            return null;
        }
        if (fromCache) {
            listener.cacheHit();
        }
        recentShapes.remember(shape, sql, visibility, r, rewrittenShape);
        return r.withSql(rewritten);
    }

    /** A defect in the engine must not let the statement through: it becomes a refusal like any other doubt. */
    private Rewrite planSafely(String sql, Visibility visibility) throws StatementRefusedException {
        try {
            return plan(sql, visibility);
        } catch (RuntimeException | StackOverflowError e) {
            StatementRefusedException refusal = Refusals.unrewritable("the rewrite failed (" + e + ")");
            refusal.initCause(e);
            throw refusal;
        }
    }

    /**
     * H2's {@code SELECT ... FROM FINAL TABLE (<statement>) t} (see {@link DeltaTable}): the statement inside and the
     * query around it, with a derived table in the delta table's place, are planned apart and put together. The
     * statement inside may change rows but not soft-delete them ({@code OLD TABLE (DELETE ...)} would need its
     * event and cascades around a query), nor may the query around it.
     */
    private Rewrite planAroundDeltaTable(String sql, List<DeltaTable.Span> deltas, Visibility visibility)
            throws StatementRefusedException {
        String marker = "(SELECT 1 AS softdelete_delta_table)";
        if (deltas.size() > 1 || sql.contains(marker)) {
            throw Refusals.unrewritable("several data change delta tables (FINAL / NEW / OLD TABLE (...)) in one"
                    + " statement");
        }
        DeltaTable.Span delta = deltas.get(0);
        String inner = sql.substring(delta.innerStart, delta.innerEnd);
        String outer = sql.substring(0, delta.start) + marker + sql.substring(delta.end);
        Rewrite innerRewrite = plan(inner, visibility);
        Rewrite outerRewrite = plan(outer, visibility);
        for (Rewrite r : List.of(innerRewrite, outerRewrite)) {
            if (r.grouped() || r.deleteEvent() || r.changesSessionSchemas()) {
                throw Refusals.unrewritable("a data change delta table (FINAL / NEW / OLD TABLE (...)) around, or in,"
                        + " a statement that soft-deletes rows or changes the schema: its event, cascades and checks"
                        + " cannot run around a query");
            }
        }
        if (innerRewrite.unchanged() && outerRewrite.unchanged()) {
            return Rewrite.UNCHANGED;
        }
        String around = outerRewrite.sqlFor(outer);
        int at = around.indexOf(marker);
        if (at < 0 || around.indexOf(marker, at + 1) >= 0) {
            throw Refusals.unrewritable("a data change delta table whose place the rewrite of the query around it"
                    + " does not keep");
        }
        return Rewrite.replacedBy(around.substring(0, at) + sql.substring(delta.start, delta.innerStart)
                + innerRewrite.sqlFor(inner) + sql.substring(delta.innerEnd, delta.end)
                + around.substring(at + marker.length()));
    }

    /**
     * Refuses a statement that mentions a configured table where the parse cannot see it: in text the database runs
     * but JSqlParser reads as a comment or a string (a MySQL executable comment, a dollar-quoted body, SQL handed to
     * the database as a string or a routine body), or as a Unicode-escaped identifier.
     */
    private void refuseTextOutOfTheParsersSight(String sql) throws StatementRefusedException {
        refuseExpandingSpelling(sql);
        if (dialect.isMySqlFamily() && mentions.mentionsInExecutableComment(sql)) {
            throw Refusals.unrewritable("a MySQL executable comment (/*! ... */, MariaDB's /*M! ... */) mentions a"
                    + " soft-delete table");
        }
        if (dialect == Dialect.POSTGRESQL && mentions.mentionsInDollarQuotes(sql)) {
            throw Refusals.unrewritable("a dollar-quoted string ($$ ... $$) mentions a soft-delete table");
        }
        if (!dialect.isMySqlFamily()) {
            for (String name : UnicodeIdentifiers.names(sql, true, false)) {
                if (name == null) {
                    throw Refusals.unrewritable("a Unicode-escaped identifier (U&\"...\") that softdelete-jdbc cannot"
                            + " decode with certainty, in a statement that mentions a soft-delete table");
                }
                Table named = new Table("\"" + name.replace("\"", "\"\"") + "\"");
                // a plain table that a configured one inherits from reads and removes its rows too (a probe)
                String what = configured.lookup(named) != null ? "soft-delete table " + name
                        : configured.reachesConfigured(named) ? "table " + name + ", whose rows include a soft-delete"
                        + " table's," : null;
                if (what != null) {
                    throw Refusals.unrewritable(what + " is written as a Unicode-escaped identifier (U&\"...\"), which"
                            + " the parser does not read as its name; write the name");
                }
            }
        }
        String dynamic = DynamicSql.find(sql, dialect);
        if (dynamic != null) {
            throw Refusals.unrewritable("it hands SQL text to the database to run (" + dynamic + ") and mentions a"
                    + " soft-delete table; the database would run that text unrewritten");
        }
    }

    /**
     * Refuses a string of several statements in which DDL that names a soft-delete table (or a table around one) is
     * followed by a statement that can read or remove rows: the whole string is rewritten with the catalog of before
     * it runs, so a table the DDL renames, or makes inherit from or partition another, would be reached unfiltered
     * under its new name (a probe read and deleted soft-deleted rows so).
     */
    private void refuseCatalogChangeBeforeOthers(SyntaxTree tree) throws StatementRefusedException {
        int n = tree.statements().size();
        for (int i = 0; i < n - 1; i++) {
            String text = tree.text(tree.statementSpan(i));
            if (!CatalogChange.startsAt(text, dialect) || lexicalMentions.firstMention(text) == null) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                if (!RowFreeDdl.matches(tree.text(tree.statementSpan(j)), dialect)) {
                    throw Refusals.unrewritable("DDL on a soft-delete table, in one string with statements after it:"
                            + " they would be rewritten with the catalog of before the DDL (a table it renames or"
                            + " makes a partition or an inheriting table would be reached unfiltered); send the DDL"
                            + " on its own");
                }
            }
        }
    }

    /** On MySQL/MariaDB, a character set that hides backslashes set by the text ({@link ClientCharacterSet}). */
    private void refuseBackslashHidingCharacterSet(String sql) throws StatementRefusedException {
        String why = dialect.isMySqlFamily() ? ClientCharacterSet.refusal(sql) : null;
        if (why != null) {
            throw Refusals.unrewritable(why);
        }
    }

    private Rewrite plan(String sql, Visibility visibility) throws StatementRefusedException {
        refuseOwnVariables(sql);
        refuseBackslashHidingCharacterSet(sql);
        refuseTruncateCascade(sql);
        if (SessionSchemaStatement.inSeveral(sql, dialect)) {
            throw Refusals.unrewritable("a statement that moves the session to other schemas (SET search_path,"
                    + " USE, ...), in one string with others that name a soft-delete table: they would be rewritten"
                    + " with the catalog of the schemas before; send it on its own");
        }
        refuseTextOutOfTheParsersSight(sql);
        refuseSqlFromParameter(sql);
        List<String> ddl = ddlTexts(sql);
        boolean hardDelete = StatementHints.of(sql).hardDelete();
        for (String text : ddl) {
            refuseShadowingTemporaryTable(text);
            refuseGuardRemoval(text, hardDelete);
            if (!hardDelete) {
                refuseDropOfRowsOfConfigured(text);
            }
        }
        List<DeltaTable.Span> deltas = DeltaTable.of(sql, dialect);
        if (!deltas.isEmpty()) {
            return planAroundDeltaTable(sql, deltas, visibility);
        }
        int undelete = UndeleteStatement.keywordAt(sql, dialect);
        if (undelete >= 0) {
            return restore.plan(analyse(UndeleteStatement.asDelete(sql, undelete)), sql.substring(0, undelete));
        }
        StatementHints hints = StatementHints.of(sql);
        // the shortcuts read the text with the driver's lexer: not where the server may read it otherwise (a probe's
        // ALTER TABLE t ADD COLUMN "a\" INT; DELETE ...; under ANSI_QUOTES passed whole and deleted physically)
        LexicalDisagreement lexing = LexicalDisagreement.of(sql, dialect);
        boolean lexedAlike = lexing == null || lexing.refusal == null;
        if (lexedAlike && RowFreeDdl.matches(sql, dialect)) {
            return Rewrite.SCHEMA_CHANGE; // DDL that can neither read nor remove rows: not parsed at all
        }
        if (lexedAlike && RowFreeDdl.inspects(sql, dialect)) {
            return Rewrite.UNCHANGED; // SHOW, DESCRIBE, LOCK TABLES, VACUUM, ...: rows neither read nor changed
        }
        if (!hints.hardDelete() && RowFreeDdl.removesPartitionRows(sql, dialect)) {
            // before the parse: JSqlParser cannot read some of them (MariaDB's CONVERT PARTITION, ALTER IGNORE)
            String table = lexicalMentions.firstMention(sql);
            if (table != null) {
                throw Refusals.rowsTakenOut(table);
            }
        }
        Visibility effective = hints.visibility() != null ? hints.visibility() : visibility;
        SyntaxTree tree = analyse(sql);
        if (tree == null) {
            return Rewrite.UNCHANGED;
        }
        refuseCatalogChangeBeforeOthers(tree);
        if (tree.statements().size() > 1 && (hints.visibility() != null || hints.hardDelete())) {
            throw Refusals.unrewritable("a softdelete hint before several statements in one string, which would"
                    + " apply it to all of them; send the hinted statement on its own");
        }
        RewritePlan plan = planner.plan(tree, effective, hints);
        if (plan.isEmpty()) {
            return plan.schemaChanged() ? Rewrite.SCHEMA_CHANGE : Rewrite.UNCHANGED;
        }
        List<CascadeStep> cascadeStatements = new ArrayList<>();
        List<Rewrite.Guard> checks = new ArrayList<>();
        boolean cyclic = false;
        if (!plan.softDeleted().isEmpty() && SessionStateChange.namesSettingFunction(sql, dialect)) {
            throw Refusals.unrewritable("a DELETE of soft-delete table " + plan.softDeleted().get(0).name()
                    + " that calls set_config or reads pg_settings: it could change, while it runs, the time zone"
                    + " its delete event is compared in or the search path its cascades find their tables by; call"
                    + " it in a statement of its own");
        }
        Set<String> stepTables = new HashSet<>();
        Set<String> changedStepTables = new HashSet<>();
        Set<String> checkedStepTables = new HashSet<>();
        int lastStatement = tree.statements().size() - 1;
        for (int i = 0; i < plan.softDeleted().size(); i++) {
            TableConfig table = plan.softDeleted().get(i);
            String schema = plan.softDeletedIn(i);
            if (!catalog.describes(table.name(), schema)) {
                throw Refusals.unrewritable("DELETE of soft-delete table " + table.name() + " in schema " + schema
                        + ", whose foreign keys and partitions the driver did not read: it reads those of the"
                        + " configured names in the schemas the connection found tables in when it opened (search"
                        + " path, default database) and in those softdelete.yml names; list the table qualified there ("
                        + schema + "." + table.name().table() + ", and the same-named tables of other schemas"
                        + " qualified too)");
            }
            CascadePlanner.Steps steps = cascades.stepsFor(table, schema);
            if (steps.problem != null) {
                throw Refusals.unrewritable(steps.problem);
            }
            TableName coarse = steps.statements.isEmpty() && steps.checks.isEmpty() ? null
                    : coarseTimestampAmong(table, steps.tables);
            if (coarse != null) {
                throw Refusals.unrewritable("DELETE of soft-delete table " + table.name() + ", whose cascades or"
                        + " foreign-key checks find the deleted rows by the delete event's timestamp, where the"
                        + " timestamp column of " + coarse + " holds less than microseconds: stored, it no longer"
                        + " equals the event's, and the cascade would find no rows; widen it to microseconds"
                        + " (softdelete-cli migrate does)");
            }
            if (!steps.checks.isEmpty() && ignoresErrors(tree.statements().get(plan.softDeletedBy(i)))) {
                throw Refusals.unrewritable("DELETE IGNORE of soft-delete table " + table.name() + ", which foreign"
                        + " keys protect: the hard delete would skip the rows they protect, the driver checks them"
                        + " only after the delete and can only fail; delete without IGNORE");
            }
            boolean hasSteps = !steps.statements.isEmpty() || !steps.checks.isEmpty();
            if (hasSteps && limits(tree.statements().get(plan.softDeletedBy(i)))
                    && steps.changedTables.contains(table.name().table().toLowerCase(Locale.ROOT))) {
                throw Refusals.unrewritable("DELETE ... LIMIT of soft-delete table " + table.name() + ", whose"
                        + " cascade reaches the table itself: the hard delete's LIMIT counts only rows it finds still"
                        + " there, where the cascade of an earlier row may have removed the next ones; the driver's"
                        + " cascade runs after its UPDATE; delete without LIMIT");
            }
            String own = dialect.isMySqlFamily() ? SelfReadingDelete.target(tree, plan.softDeletedBy(i),
                    targetsOf(plan, plan.softDeletedBy(i))) : null;
            if (own != null) {
                throw Refusals.unrewritable("multi-table DELETE that reads its own target " + own + " in a subquery:"
                        + " MySQL and MariaDB reject it (error 1093) and run the UPDATE it would become, which soft-"
                        + "deleted other rows than the hard delete, or none (a probe, with SQL Hibernate writes); read"
                        + " the keys first and delete by key");
            }
            String read = dialect.isMySqlFamily() && !steps.statements.isEmpty()
                    ? readChangedTable(tree, plan, plan.softDeletedBy(i), steps, table.name()) : null;
            if (read != null) {
                throw Refusals.unrewritable("DELETE of soft-delete table " + table.name() + " that reads " + read
                        + ", whose rows its cascade changes: MySQL's own cascade changes them while the DELETE is"
                        + " still reading them (a correlated subquery, ANY or a join sees the rows of the parents"
                        + " deleted before), the driver's cascade only after it, so the rows deleted could differ;"
                        + " read the keys first and delete by key");
            }
            String column = dialect.isMySqlFamily()
                    ? readsOwnSetNullColumn(tree.text(tree.statementSpan(plan.softDeletedBy(i))), table) : null;
            if (column != null) {
                throw Refusals.unrewritable("DELETE of soft-delete table " + table.name() + " that reads its column "
                        + column + ", which its own foreign key sets to NULL (or its default) in the rows that"
                        + " reference a deleted row: MySQL sets it while the DELETE is still reading, so those rows"
                        + " no longer match, the driver only after it, so the rows deleted could differ; read the keys"
                        + " first and delete by key");
            }
            if (hasSteps && plan.softDeletedBy(i) < lastStatement) {
                throw Refusals.unrewritable("of several statements in one string, one soft-deletes " + table.name()
                        + ", whose cascades and foreign-key checks run after the whole string: the statements after"
                        + " it would run before them; send that DELETE on its own, or as the string's last statement");
            }
            if (hasSteps) {
                stepTables.addAll(steps.tables);
                changedStepTables.addAll(steps.changedTables);
                checkedStepTables.addAll(steps.checkedTables);
            }
            if ((!steps.statements.isEmpty() || !steps.checks.isEmpty()) && dialect.setEventStatement() == null) {
                throw Refusals.unrewritable("soft-delete table " + table.name() + " cascades or is referenced by"
                        + " foreign keys, which need delete events, and those are not supported on this database");
            }
            cascadeStatements.addAll(steps.statements);
            checks.addAll(steps.checks);
            cyclic |= steps.cyclic;
        }
        if ((!cascadeStatements.isEmpty() || !checks.isEmpty()) && tree.statements().size() > 1) {
            refuseTransactionControl(tree);
        }
        if (selfTimed(plan, cascadeStatements, checks)) {
            return Rewrite.selfTimedDelete(Splicer.splice(sql, plan, dialect.eventTimestamp(),
                    dialect.statementTimestamp()), plan.schemaChanged());
        }
        return new Rewrite(Splicer.splice(sql, plan), !plan.softDeleted().isEmpty(), cascadeStatements, cyclic,
                checks, plan.schemaChanged(), stepTables, changedStepTables, checkedStepTables);
    }

    /** The tables (unqualified, lower case) that statement {@code index} soft-deletes. */
    private static Set<String> targetsOf(RewritePlan plan, int index) {
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < plan.softDeleted().size(); i++) {
            if (plan.softDeletedBy(i) == index) {
                targets.add(plan.softDeleted().get(i).name().table().toLowerCase(Locale.ROOT));
            }
        }
        return targets;
    }

    /**
     * The first table that statement {@code index} of {@code tree} reads, other than the tables it soft-deletes
     * (multi-table DELETE of a parent and its child: see README), whose rows are among {@code changed}; or null.
     */
    private static String readChangedTable(SyntaxTree tree, RewritePlan plan, int index, CascadePlanner.Steps steps,
            TableName root) {
        Set<String> changed = steps.changedTables;
        Statement deleting = tree.statements().get(index);
        Set<String> targets = targetsOf(plan, index);
        Span statement = tree.statementSpan(index);
        for (TableRef ref : tree.refs()) {
            if (ref.cte || !statement.contains(ref.name.start)) {
                continue;
            }
            String name = Identifiers.unquote(ref.table.getName()).toLowerCase(Locale.ROOT);
            if (!targets.contains(name) && changed.contains(name) && !(targets.size() == 1
                    && deleting instanceof Delete
                    && OwnChildrenSubquery.readsOnlyOwnChildren(tree, ref, (Delete) deleting, root, steps))) {
                return name;
            }
        }
        return null;
    }

    /**
     * A column of {@code table} that a self-referencing key of it sets to NULL or its default when a row it
     * references is deleted, and that {@code statement} names (as a word, in any clause), or null.
     */
    private String readsOwnSetNullColumn(String statement, TableConfig table) {
        for (ForeignKey fk : catalog.foreignKeysInto(table.name())) {
            if ((fk.onDelete != ForeignKey.OnDelete.SET_NULL && fk.onDelete != ForeignKey.OnDelete.SET_DEFAULT)
                    || !table.name().equals(fk.configuredChild)) {
                continue;
            }
            for (String column : fk.setColumns) {
                if (Pattern.compile("(?i)(?<![\\w$`])`?" + Pattern.quote(column) + "`?(?![\\w$])")
                        .matcher(statement).find()) {
                    return column;
                }
            }
        }
        return null;
    }

    /**
     * Of {@code table} and the configured tables among {@code stepTables} (unqualified, lower case), the first whose
     * deleted rows the steps find by a timestamp column that holds less than microseconds (see
     * {@link Catalog#coarseTimestamp}); null when none does. A table with a batch column is found by it instead.
     */
    private TableName coarseTimestampAmong(TableConfig table, Set<String> stepTables) {
        if (table.batchColumn() == null && catalog.coarseTimestamp(table.name())) {
            return table.name();
        }
        for (TableConfig t : config.tables()) {
            if (t.batchColumn() == null && stepTables.contains(t.name().table().toLowerCase(Locale.ROOT))
                    && catalog.coarseTimestamp(t.name())) {
                return t.name();
            }
        }
        return null;
    }

    /** Whether {@code statement} is a single-table DELETE with a LIMIT (MySQL). */
    private static boolean limits(Statement statement) {
        return statement instanceof Delete && ((Delete) statement).getLimit() != null;
    }

    /** Whether {@code statement} is MySQL's DELETE IGNORE, which skips the rows it cannot delete. */
    private static boolean ignoresErrors(Statement statement) {
        return statement instanceof Delete && ((Delete) statement).isModifierIgnore();
    }

    /**
     * Whether a soft delete can be timed by the database inside the statement: nothing runs around it that must
     * share its event (no cascade, no foreign-key check), no column takes the event's id or actor (those come from
     * the session), and the database has a per-statement clock.
     */
    private boolean selfTimed(RewritePlan plan, List<CascadeStep> cascadeStatements, List<Rewrite.Guard> checks) {
        if (plan.softDeleted().isEmpty() || !cascadeStatements.isEmpty() || !checks.isEmpty()
                || dialect.statementTimestamp() == null) {
            return false;
        }
        for (TableConfig table : plan.softDeleted()) {
            if (table.batchColumn() != null || table.actorColumn() != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a string of several statements with transaction control beside a soft delete whose group runs after
     * the string: the group's own transaction or savepoint is set before the string runs, which the string's COMMIT,
     * ROLLBACK or SAVEPOINT would end or nest under (a COMMIT committed the group's first statements, a RELEASE of
     * the group's savepoint released the application's own).
     */
    private void refuseTransactionControl(SyntaxTree tree) throws StatementRefusedException {
        for (int i = 0; i < tree.statements().size(); i++) {
            String word = TransactionControl.wordOrCall(tree.text(tree.statementSpan(i)), dialect);
            if (word != null) {
                throw Refusals.unrewritable("a string of several statements with transaction control (" + word
                        + ") beside a soft delete whose cascades or foreign-key checks run after the string, in a"
                        + " transaction or savepoint of their own; send the transaction control on its own");
            }
        }
    }

    /** Parses and analyses {@code sql}; null when it cannot be parsed but names no configured table. */
    private SyntaxTree analyse(String sql) throws StatementRefusedException {
        LexicalDisagreement misread = LexicalDisagreement.of(sql, dialect);
        if (misread != null && misread.refusal != null) {
            throw Refusals.unrewritable("it has " + misread.refusal + ", in a statement that mentions a soft-delete"
                    + " table");
        }
        SqlParser.Result parsed = null;
        String parsedText = sql;
        ParseFailure failure = null;
        if (misread == null) {
            try {
                parsed = parser.parse(sql);
            } catch (ParseFailure e) {
                failure = e;
            }
        }
        if (parsed == null) {
            // a copy the parser can read: without what it does not know, and without the comments and literals it
            // would read otherwise than the database
            String masked = failure != null && failure.overBudget() ? null
                    : MaskedText.of(sql, dialect, protectedNames);
            if (masked != null) {
                try {
                    parsed = parser.parse(masked);
                } catch (ParseFailure e) {
                    failure = failure != null ? failure : e;
                }
            }
            if (masked == null && misread != null) {
                throw Refusals.unrewritable("its comments or literals, which the parser reads otherwise than the"
                        + " database, cannot be told apart from its code with certainty");
            }
            if (parsed == null) {
                // the tokens as the database reads them: the masked copy's, where the original's mislead
                String table = lexicalMentions.firstMention(masked != null ? masked : sql);
                if (table == null) {
                    return null;
                }
                StatementRefusedException refusal = Refusals.unparseable(table, failure.getMessage());
                refusal.initCause(failure);
                throw refusal;
            }
            parsedText = masked;
        }
        SyntaxTree tree;
        try {
            tree = SyntaxTree.analyse(sql, parsedText, parsed.statements, parsed.root, configured);
        } catch (PositionException e) {
            throw Refusals.unrewritable("its parse cannot be mapped onto its text (" + e.getMessage() + ")");
        }
        String keyword = tree.nameReadAsKeyword();
        if (keyword != null) {
            throw Refusals.unrewritable("soft-delete table " + keyword + " is written where the parser reads the"
                    + " keyword " + keyword.toUpperCase(Locale.ROOT) + "; qualify it with its schema (in a FROM,"
                    + " AS before its alias also does)");
        }
        TableRef tableCommand = tree.misreadTableCommand();
        if (tableCommand != null) {
            String table = tableCommand.table.getAlias().getName();
            throw Refusals.unrewritable("soft-delete table " + table + " appears in a TABLE command inside a query"
                    + " (TABLE " + table + "), which the parser reads as a table named TABLE; write SELECT * FROM "
                    + table + " instead");
        }
        for (int i = 0; i < tree.statements().size(); i++) {
            // JSqlParser keeps a statement it does not know (CREATE LOCAL TEMP TABLE ... AS ...) as its raw tokens:
            // no table reference in it is seen, so none could be left unhandled
            if (tree.statements().get(i) instanceof UnsupportedStatement) {
                Span span = tree.statementSpan(i);
                String table = lexicalMentions.firstMention(parsedText.substring(span.start, span.end));
                if (table != null) {
                    throw Refusals.unparseable(table, "JSqlParser does not know this kind of statement");
                }
            }
        }
        return tree;
    }

    /**
     * Whether {@code sql} may name a configured table (or a table around one): the pre-filter's answer, which a false
     * yes only makes cautious.
     */
    public boolean mentionsConfiguredTable(String sql) {
        return mentions.mentionsConfiguredTable(sql);
    }

    /**
     * Whether every statement of {@code sql} is an UPDATE of one configured table alone (no join, no FROM, no WITH,
     * no schema the catalog was not read for) that assigns no column a foreign key references, where no key into it
     * acts on UPDATE: besides soft deletes and plain INSERTs, what may follow a soft delete with cascades or checks in
     * a batch. Such an UPDATE changes no row of another table behind the driver's back (no foreign-key action, no
     * view, no plain table's partition), so the batch sees by its name whether it writes a table those steps read.
     * False for anything it cannot parse.
     */
    public boolean updatesConfiguredRowsOnly(String sql) {
        SyntaxTree tree;
        try {
            tree = analyse(sql);
        } catch (StatementRefusedException e) {
            return false;
        }
        return tree != null && ConfiguredRowsUpdate.matches(tree, configured, catalog);
    }

    /** How many texts the cache holds (tests, metrics); runs the cache's pending maintenance first. */
    public long cachedTexts() {
        return cache.size();
    }

    /** The configuration as loaded (without the tables the catalog adds). */
    public SoftDeleteConfig config() {
        return config;
    }

    /**
     * Whether the table a database driver names in its result set metadata ({@code schema} null or empty when it gives
     * none) is a configured one, or a partition or child of one, in any schema when the configuration names none.
     */
    public boolean configures(String schema, String table) {
        return configured.lookup(new Table(schema == null || schema.isEmpty() ? null : schema, table)) != null;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Dialect dialect() {
        return dialect;
    }
}
