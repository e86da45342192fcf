package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;

/** The wording of refusals: which table, which construct, and what the operator can do. */
public final class Refusals {
    private static final String HINT = " Statements the driver cannot rewrite with certainty are refused so that"
            + " deleted rows never leak; set options.on-unparseable: passthrough in softdelete.yml to send them"
            + " unchanged instead.";

    private Refusals() {
    }

    public static StatementRefusedException unrewritable(TableRef ref, String construct) {
        return unrewritable("soft-delete table " + ref.table.getFullyQualifiedName() + " appears in " + construct
                + "; softdelete-jdbc cannot rewrite that with certainty");
    }

    public static StatementRefusedException unrewritable(String what) {
        return new StatementRefusedException(StatementRefusedException.UNREWRITABLE,
                "softdelete-jdbc refused the statement: " + what + "." + HINT);
    }

    public static StatementRefusedException unparseable(String table, String why) {
        return unrewritable("it mentions soft-delete table " + table + " but cannot be parsed (" + why + ")");
    }

    public static StatementRefusedException forbidden(String what) {
        return new StatementRefusedException(StatementRefusedException.FORBIDDEN,
                "softdelete-jdbc refused the statement: " + what + ".");
    }

    /** An ALTER that takes rows out of soft-delete table {@code table} (see {@code RowFreeDdl.removesPartitionRows}). */
    public static StatementRefusedException rowsTakenOut(String table) {
        return forbidden("ALTER TABLE of soft-delete table " + table + " takes rows out of it (a partition dropped,"
                + " truncated, exchanged, detached or converted to a table, NO INHERIT, ALTER IGNORE's dropped"
                + " duplicates): removed physically, or moved where they are no longer soft-delete rows; use the"
                + " /* softdelete:hard-delete */ hint if that is meant");
    }
}
