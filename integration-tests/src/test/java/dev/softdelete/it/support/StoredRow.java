package dev.softdelete.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * The soft-delete columns of one row as stored, read through a raw connection.
 *
 * @param present   whether the row exists at all
 * @param deleted   {@code is_deleted}
 * @param deletedAt {@code deleted_at}, null when not set
 */
public record StoredRow(boolean present, boolean deleted, LocalDateTime deletedAt) {
    private static final StoredRow ABSENT = new StoredRow(false, false, null);

    static StoredRow read(Connection raw, String table, long id) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(
                 "SELECT is_deleted, deleted_at FROM " + table + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ABSENT;
                }
                return new StoredRow(true, rs.getBoolean(1), rs.getObject(2, LocalDateTime.class));
            }
        }
    }
}
