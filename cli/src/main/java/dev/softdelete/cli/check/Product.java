package dev.softdelete.cli.check;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** The database product {@code check} talks to, as far as its checks differ. */
enum Product {
    POSTGRESQL,
    /** MySQL and MariaDB: databases are JDBC catalogs, not schemas. */
    MYSQL,
    H2,
    OTHER;

    static Product of(DatabaseMetaData meta) throws SQLException {
        String name = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        return name.equals("h2") ? H2 : OTHER;
    }

    /** Whether tables live in catalogs (MySQL databases) rather than schemas. */
    boolean usesCatalogs() {
        return this == MYSQL;
    }
}
