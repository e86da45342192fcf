package dev.softdelete.jdbc.rewrite.analyse;

import java.util.Locale;

/** The SQL dialect of the delegate database, read from its JDBC URL. */
public enum Dialect {
    POSTGRESQL("TRUE", "FALSE", "CURRENT_TIMESTAMP", true, false),
    MYSQL("TRUE", "FALSE", "CURRENT_TIMESTAMP(6)", false, true),
    MARIADB("TRUE", "FALSE", "CURRENT_TIMESTAMP(6)", false, true),
    H2("TRUE", "FALSE", "CURRENT_TIMESTAMP", false, false),
    /** Any other database: ANSI literals, case-sensitive quoted identifiers. */
    GENERIC("TRUE", "FALSE", "CURRENT_TIMESTAMP", false, false);

    private final String trueLiteral;
    private final String falseLiteral;
    private final String now;
    private final boolean updateReturning;
    private final boolean quotedNamesIgnoreCase;

    Dialect(String trueLiteral, String falseLiteral, String now, boolean updateReturning,
            boolean quotedNamesIgnoreCase) {
        this.trueLiteral = trueLiteral;
        this.falseLiteral = falseLiteral;
        this.now = now;
        this.updateReturning = updateReturning;
        this.quotedNamesIgnoreCase = quotedNamesIgnoreCase;
    }

    /** The dialect of a delegate URL such as {@code jdbc:postgresql://host/db}. */
    public static Dialect fromUrl(String delegateUrl) {
        String u = delegateUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:pgsql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        if (u.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        return GENERIC;
    }

    public String trueLiteral() {
        return trueLiteral;
    }

    public String falseLiteral() {
        return falseLiteral;
    }

    /** The expression written into timestamp columns on delete. */
    public String now() {
        return now;
    }

    /** Whether {@code UPDATE ... RETURNING} exists. */
    public boolean supportsUpdateReturning() {
        return updateReturning;
    }

    /** Whether quoted identifiers name tables case-insensitively (MySQL/MariaDB, conservatively). */
    public boolean quotedNamesIgnoreCase() {
        return quotedNamesIgnoreCase;
    }

    public boolean isMySqlFamily() {
        return this == MYSQL || this == MARIADB;
    }
}
