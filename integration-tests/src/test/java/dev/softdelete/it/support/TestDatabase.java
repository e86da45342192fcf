package dev.softdelete.it.support;

/**
 * The real databases the integration tests run against, each reached through its usual JDBC driver. The JDBC URL
 * comes from an environment variable; {@link DatabaseAvailability} says whether it can be used.
 */
public enum TestDatabase {
    /** PostgreSQL through pgjdbc. */
    POSTGRESQL("PostgreSQL", "SOFTDELETE_IT_POSTGRES_URL", "jdbc:postgresql:", "org.postgresql.Driver", "TIMESTAMP"),
    /** MariaDB through mysql-connector-j. */
    MARIADB("MariaDB", "SOFTDELETE_IT_MYSQL_URL", "jdbc:mysql:", "com.mysql.cj.jdbc.Driver", "DATETIME(6)");

    private final String label;
    private final String urlVariable;
    private final String urlPrefix;
    private final String driverClass;
    private final String timestampType;

    TestDatabase(String label, String urlVariable, String urlPrefix, String driverClass, String timestampType) {
        this.label = label;
        this.urlVariable = urlVariable;
        this.urlPrefix = urlPrefix;
        this.driverClass = driverClass;
        this.timestampType = timestampType;
    }

    /** The environment variable holding the raw JDBC URL. */
    public String urlVariable() {
        return urlVariable;
    }

    /** How a raw URL for this database starts, e.g. {@code jdbc:postgresql:}. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** The vendor driver's class name. */
    public String driverClass() {
        return driverClass;
    }

    /** Column type for a nullable {@code deleted_at} that holds a timestamp without time zone. */
    public String timestampType() {
        return timestampType;
    }

    /** The raw URL, or skips/fails the current test when it is not set or the server cannot be reached. */
    public String rawUrl() {
        return DatabaseAvailability.rawUrl(this);
    }

    @Override
    public String toString() {
        return label;
    }
}
