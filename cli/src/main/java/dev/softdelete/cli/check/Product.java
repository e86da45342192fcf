package dev.softdelete.cli.check;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** The database product {@code check} talks to, as far as its checks differ. */
public enum Product {
    POSTGRESQL,
    /** MySQL and MariaDB: databases are JDBC catalogs, not schemas. */
    MYSQL,
    H2,
    OTHER;

    public static Product of(DatabaseMetaData meta) throws SQLException {
        String name = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        return name.equals("h2") ? H2 : OTHER;
    }

    /** The driver's dialect for the product: what its catalog reader and guards are written for. */
    public Dialect dialect() {
        switch (this) {
            case POSTGRESQL:
                return Dialect.POSTGRESQL;
            case MYSQL:
                return Dialect.MYSQL;
            case H2:
                return Dialect.H2;
            default:
                return Dialect.GENERIC;
        }
    }

    /** Whether tables live in catalogs (MySQL databases) rather than schemas. */
    public boolean usesCatalogs() {
        return this == MYSQL;
    }
}
