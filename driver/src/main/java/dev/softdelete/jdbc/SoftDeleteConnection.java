package dev.softdelete.jdbc;

import java.sql.Connection;

/**
 * A connection of the soft-delete driver, reached with {@code connection.unwrap(SoftDeleteConnection.class)}.
 * Its visibility applies to every statement sent from then on; a prepared statement keeps the visibility it was
 * prepared with. The client-info property {@code softdelete.visibility} reads and sets the same value.
 */
public interface SoftDeleteConnection extends Connection {
    /** Which rows of soft-delete tables the statements of this connection see. */
    Visibility getVisibility();

    /** Sets which rows of soft-delete tables the statements sent from now on see. */
    void setVisibility(Visibility visibility);
}
