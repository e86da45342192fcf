package dev.softdelete.jdbc.rewrite;

import dev.softdelete.config.OnUnparseable;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.ConfiguredTables;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.PositionException;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.plan.CascadePlanner;
import dev.softdelete.jdbc.rewrite.plan.Refusals;
import dev.softdelete.jdbc.rewrite.plan.RestorePlanner;
import dev.softdelete.jdbc.rewrite.plan.RewritePlan;
import dev.softdelete.jdbc.rewrite.plan.StatementPlanner;
import dev.softdelete.jdbc.rewrite.recognise.LexicalMentions;
import dev.softdelete.jdbc.rewrite.recognise.ParseFailure;
import dev.softdelete.jdbc.rewrite.recognise.SqlParser;
import dev.softdelete.jdbc.rewrite.recognise.StatementHints;
import dev.softdelete.jdbc.rewrite.recognise.TableMentionFilter;
import dev.softdelete.jdbc.rewrite.recognise.UndeleteStatement;
import dev.softdelete.jdbc.rewrite.render.Splicer;
import java.util.ArrayList;
import java.util.List;

/**
 * The rewrite engine: SQL text in, SQL text out. Free of JDBC; one instance per configuration and dialect, shared
 * by every connection and thread. The path of a statement: recognise (pre-filter, hints, parse), analyse (where
 * each table reference stands), plan (what to insert, or refuse), render (splice into the original text).
 */
public final class RewriteEngine {
    /** Parse budget: JSqlParser can take seconds on some nested inputs. */
    static final long PARSE_BUDGET_MILLIS = 2_000;
    /** About 16 MB of cached text. */
    static final long CACHE_CHARS = 8L << 20;

    private final SoftDeleteConfig config;
    private final Dialect dialect;
    private final TableMentionFilter mentions;
    private final LexicalMentions lexicalMentions;
    private final ConfiguredTables configured;
    private final SqlParser parser;
    private final StatementPlanner planner;
    private final CascadePlanner cascades;
    private final RestorePlanner restore;
    private final RewriteCache cache = new RewriteCache(CACHE_CHARS);

    public RewriteEngine(SoftDeleteConfig config, Dialect dialect) {
        this.config = config;
        this.dialect = dialect;
        this.mentions = new TableMentionFilter(config.tables());
        this.lexicalMentions = new LexicalMentions(config.tables());
        this.configured = new ConfiguredTables(config.tables(), dialect);
        this.parser = new SqlParser(dialect, PARSE_BUDGET_MILLIS);
        this.planner = new StatementPlanner(dialect, config.options());
        this.cascades = new CascadePlanner(config, dialect);
        this.restore = new RestorePlanner(config, dialect);
    }

    /**
     * Returns what to send instead of {@code sql}: {@link Rewrite#UNCHANGED} when it goes as written.
     *
     * @throws StatementRefusedException when the statement must not reach the database
     */
    public Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException {
        if (!mentions.mentionsConfiguredTable(sql)) {
            if (UndeleteStatement.keywordAt(sql) >= 0) {
                throw Refusals.forbidden("UNDELETE works on soft-delete tables only");
            }
            return Rewrite.UNCHANGED;
        }
        Object cached = cache.get(sql, visibility);
        if (cached == null) {
            try {
                cached = rewriteUncached(sql, visibility);
            } catch (StatementRefusedException e) {
                if (e.getCause() instanceof ParseFailure && ((ParseFailure) e.getCause()).overBudget()) {
                    throw e; // a slow parse may be a cold JVM: do not remember it
                }
                cached = new RewriteCache.Refusal(e);
            }
            cache.put(sql, visibility, cached);
        }
        if (cached instanceof RewriteCache.Refusal) {
            RewriteCache.Refusal r = (RewriteCache.Refusal) cached;
            throw new StatementRefusedException(r.sqlState, r.message);
        }
        return (Rewrite) cached;
    }

    private Rewrite rewriteUncached(String sql, Visibility visibility) throws StatementRefusedException {
        try {
            return planSafely(sql, visibility);
        } catch (StatementRefusedException e) {
            if (config.options().onUnparseable() == OnUnparseable.PASSTHROUGH
                    && StatementRefusedException.UNREWRITABLE.equals(e.sqlState())) {
                return Rewrite.UNCHANGED;
            }
            throw e;
        }
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

    private Rewrite plan(String sql, Visibility visibility) throws StatementRefusedException {
        if (dialect.isMySqlFamily() && mentions.mentionsInExecutableComment(sql)) {
            throw Refusals.unrewritable("a MySQL executable comment (/*! ... */) mentions a soft-delete table");
        }
        if (dialect == Dialect.POSTGRESQL && mentions.mentionsInDollarQuotes(sql)) {
            throw Refusals.unrewritable("a dollar-quoted string ($$ ... $$) mentions a soft-delete table");
        }
        int undelete = UndeleteStatement.keywordAt(sql);
        if (undelete >= 0) {
            return restore.plan(analyse(UndeleteStatement.asDelete(sql, undelete)), sql.substring(0, undelete));
        }
        StatementHints hints = StatementHints.of(sql);
        Visibility effective = hints.visibility() != null ? hints.visibility() : visibility;
        SyntaxTree tree = analyse(sql);
        if (tree == null) {
            return Rewrite.UNCHANGED;
        }
        RewritePlan plan = planner.plan(tree, effective, hints);
        if (plan.isEmpty()) {
            return Rewrite.UNCHANGED;
        }
        List<CascadeStep> cascadeStatements = new ArrayList<>();
        boolean cyclic = false;
        for (TableConfig table : plan.softDeleted()) {
            CascadePlanner.Steps steps = cascades.stepsFor(table);
            if (!steps.statements.isEmpty() && dialect.setEventStatement() == null) {
                throw Refusals.unrewritable("soft-delete table " + table.name() + " cascades, and cascades need"
                        + " delete events, which are not supported on this database");
            }
            cascadeStatements.addAll(steps.statements);
            cyclic |= steps.cyclic;
        }
        return new Rewrite(Splicer.splice(sql, plan), !plan.softDeleted().isEmpty(), List.of(), cascadeStatements,
                cyclic, List.of());
    }

    /** Parses and analyses {@code sql}; null when it cannot be parsed but names no configured table. */
    private SyntaxTree analyse(String sql) throws StatementRefusedException {
        SqlParser.Result parsed;
        try {
            parsed = parser.parse(sql);
        } catch (ParseFailure e) {
            String table = lexicalMentions.firstMention(sql);
            if (table == null) {
                return null;
            }
            StatementRefusedException refusal = Refusals.unparseable(table, e.getMessage());
            refusal.initCause(e);
            throw refusal;
        }
        try {
            return SyntaxTree.analyse(sql, parsed.statements, parsed.root, configured);
        } catch (PositionException e) {
            throw Refusals.unrewritable("its parse cannot be mapped onto its text (" + e.getMessage() + ")");
        }
    }

    public SoftDeleteConfig config() {
        return config;
    }

    public Dialect dialect() {
        return dialect;
    }
}
