package dev.softdelete.jdbc.rewrite.analyse;

import dev.softdelete.config.TableConfig;
import net.sf.jsqlparser.schema.Table;

/**
 * One occurrence of a table name in the statement: where its name stands, what encloses it, and which configured
 * table it names (null for other tables). The planner claims every configured reference it has handled; an
 * unclaimed one makes the statement refused.
 */
public final class TableRef {
    public final Table table;
    /** The table name as written, e.g. {@code public."Orders"}. */
    public final Span name;
    /** The configured table, or null when the name is not configured or denotes a CTE. */
    public final TableConfig config;
    /**
     * The configured table of that name whether or not a CTE hides it: what a DML target names, since the target of
     * an INSERT, UPDATE or DELETE is never a CTE on PostgreSQL.
     */
    public final TableConfig configIgnoringCtes;
    /** Whether an unqualified name here denotes a CTE visible at this place. */
    public final boolean cte;
    /** What JSqlParser's node tree says encloses the name, e.g. {@code FromItem}: used in refusal messages. */
    public final String enclosing;
    /** True for the {@code t} in {@code t.*}: a qualifier, not a reference to rows. */
    public final boolean qualifierOnly;
    /**
     * Whether the name denotes a plain table whose rows include a configured table's (a table a configured one
     * inherits from or partitions, PostgreSQL), and not a CTE.
     */
    public final boolean reachesConfigured;
    /**
     * Whether the name denotes a partition or inheriting table of a table named like a configured one in a schema
     * whose catalog was not read (see {@link ConfiguredTables#inUnreadSchema}), and not a CTE.
     */
    public final boolean inUnreadSchema;
    private boolean claimed;

    TableRef(Table table, Span name, TableConfig configIgnoringCtes, boolean cte, String enclosing,
            boolean qualifierOnly, boolean reachesConfigured, boolean inUnreadSchema) {
        this.reachesConfigured = reachesConfigured && !cte && configIgnoringCtes == null;
        this.inUnreadSchema = inUnreadSchema && !cte && configIgnoringCtes == null;
        this.table = table;
        this.name = name;
        this.config = cte ? null : configIgnoringCtes;
        this.configIgnoringCtes = configIgnoringCtes;
        this.cte = cte;
        this.enclosing = enclosing;
        this.qualifierOnly = qualifierOnly;
    }

    public boolean configured() {
        return config != null;
    }

    public void claim() {
        claimed = true;
    }

    /** Whether this reference still needs handling: configured, reads rows, and not claimed by the planner. */
    public boolean unhandled() {
        return config != null && !qualifierOnly && !claimed;
    }
}
