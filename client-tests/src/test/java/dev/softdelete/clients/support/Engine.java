package dev.softdelete.clients.support;

/** The database servers the client tests know how to talk to. */
public enum Engine {
    /** PostgreSQL through pgjdbc. */
    POSTGRESQL("PostgreSQL", "postgresql"),
    /** MariaDB through mysql-connector-j. */
    MARIADB("MariaDB", "mysql"),
    /** MySQL 8 through mysql-connector-j (Testcontainers, or a MySQL server named by SOFTDELETE_IT_MYSQL_URL). */
    MYSQL("MySQL", "mysql");

    private final String label;
    private final String scriptSuffix;

    Engine(String label, String scriptSuffix) {
        this.label = label;
        this.scriptSuffix = scriptSuffix;
    }

    /** MySQL or MariaDB: backticks, {@code LIMIT}, multi-table DML, no {@code RETURNING} on UPDATE. */
    public boolean mysqlFamily() {
        return this != POSTGRESQL;
    }

    /** {@code postgresql} or {@code mysql}: picks {@code shop/schema-<suffix>.sql}. */
    public String scriptSuffix() {
        return scriptSuffix;
    }

    @Override
    public String toString() {
        return label;
    }
}
