package dev.softdelete.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * A test table shaped like a legacy one retrofitted for soft delete: {@code id, name, region} plus the default
 * columns {@code is_deleted} and {@code deleted_at}. Created and filled through a raw connection.
 */
public final class CustomerTable {
    private final TestDatabase database;
    private final String name;

    public CustomerTable(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Drops the table if it exists and creates it empty. */
    public CustomerTable recreate(Connection raw) throws SQLException {
        Sql.execute(raw,
            "DROP TABLE IF EXISTS " + name,
            "CREATE TABLE " + name + " ("
                + "id BIGINT PRIMARY KEY, "
                + "name VARCHAR(100) NOT NULL, "
                + "region VARCHAR(20) NOT NULL, "
                + "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, "
                + "deleted_at " + database.timestampType() + " NULL)");
        return this;
    }

    /** Inserts a live row. */
    public CustomerTable insert(Connection raw, long id, String customer, String region) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(
                 "INSERT INTO " + name + " (id, name, region) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, customer);
            ps.setString(3, region);
            ps.executeUpdate();
        }
        return this;
    }

    /** Marks a row soft-deleted at {@code when}, bypassing the driver. */
    public CustomerTable markDeleted(Connection raw, long id, LocalDateTime when) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(
                 "UPDATE " + name + " SET is_deleted = TRUE, deleted_at = ? WHERE id = ?")) {
            ps.setObject(1, when);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        return this;
    }

    /** What is stored for row {@code id}, read through a raw connection. */
    public StoredRow stored(Connection raw, long id) throws SQLException {
        return StoredRow.read(raw, name, id);
    }

    /** Drops the table if it exists. */
    public void drop(Connection raw) throws SQLException {
        Sql.execute(raw, "DROP TABLE IF EXISTS " + name);
    }
}
