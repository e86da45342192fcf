package dev.softdelete.jdbc.rewrite;

/**
 * The rewrite engine will not let a statement reach the database: it touches a configured table and cannot be
 * rewritten with certainty, or a policy forbids it. The JDBC layer turns it into an SQLException with
 * {@link #sqlState()}.
 */
public final class StatementRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A statement touching a configured table that the driver cannot rewrite with certainty. */
    public static final String UNREWRITABLE = "SD001";
    /** A statement a policy forbids, such as TRUNCATE under {@code options.truncate: reject}. */
    public static final String FORBIDDEN = "SD002";

    private final String sqlState;

    public StatementRefusedException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public StatementRefusedException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
