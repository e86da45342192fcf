package dev.softdelete.it.integrity;

import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A soft-delete table with an e-mail unique among live rows (PostgreSQL: a partial unique index; MySQL/MariaDB: a
 * unique generated column that is NULL for deleted rows, as {@code migrate} makes them) and its hard twin with a
 * plain unique e-mail. Both hold customer 1 ({@code a@x}); the soft one also customer 2 ({@code b@x}), soft-deleted,
 * which the hard one no longer has. New ids start at 11.
 */
final class EmailTables {
    private EmailTables() {
    }

    /** (Re)creates {@code soft} and {@code hard}, named without a schema. */
    static void create(Connection raw, TestDatabase database, String soft, String hard) throws SQLException {
        Sql.execute(raw, "DROP TABLE IF EXISTS " + soft + ", " + hard);
        boolean pg = database == TestDatabase.POSTGRESQL;
        String id = pg ? "id SERIAL PRIMARY KEY" : "id INT AUTO_INCREMENT PRIMARY KEY";
        String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw, "CREATE TABLE " + soft + " (" + id + ", email VARCHAR(40) NOT NULL, name VARCHAR(20)" + flags
                + (pg ? ")" : ", email_live VARCHAR(40) AS (IF(is_deleted, NULL, email)) VIRTUAL,"
                    + " UNIQUE KEY " + soft + "_email (email_live))"),
            "CREATE TABLE " + hard + " (" + id + ", email VARCHAR(40) NOT NULL UNIQUE, name VARCHAR(20)" + flags + ")");
        if (pg) {
            Sql.execute(raw, "CREATE UNIQUE INDEX " + soft + "_email ON " + soft + " (email) WHERE NOT is_deleted");
        }
        Sql.execute(raw, "INSERT INTO " + soft + " (id, email, name) VALUES (1, 'a@x', 'A'), (2, 'b@x', 'B')",
            "UPDATE " + soft + " SET is_deleted = TRUE, deleted_at = '2020-01-01 00:00:00' WHERE id = 2",
            "INSERT INTO " + hard + " (id, email, name) VALUES (1, 'a@x', 'A')");
        if (pg) {
            Sql.execute(raw, "SELECT setval('" + soft + "_id_seq', 10)", "SELECT setval('" + hard + "_id_seq', 10)");
        } else {
            Sql.execute(raw, "ALTER TABLE " + soft + " AUTO_INCREMENT = 11", "ALTER TABLE " + hard
                + " AUTO_INCREMENT = 11");
        }
    }
}
