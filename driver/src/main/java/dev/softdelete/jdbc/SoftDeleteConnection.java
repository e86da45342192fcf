package dev.softdelete.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

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

    /** Who deletes through this connection (written into actor columns), or null. */
    String getActor();

    /**
     * Sets who deletes through this connection from now on, e.g. from a request filter; the client-info property
     * {@code softdelete.actor} sets the same value.
     */
    void setActor(String actor);

    /**
     * Restores the soft-deleted rows of {@code table} that match {@code where} (SQL text, or null for all), with the
     * children their delete events took along: the same as {@code UNDELETE FROM table WHERE where}.
     *
     * @return the number of rows of {@code table} restored
     * @throws SQLException with SQLState SD002 when a row to restore has a parent that is still deleted
     */
    int undelete(String table, String where) throws SQLException;

    /**
     * Reads the database's catalog again (partitions and inheriting tables of configured tables, foreign keys) for
     * every connection of this configuration and database. The driver does so by itself after DDL it passes on a
     * configured table; call this after schema changes made around it (a migration on another connection).
     */
    void refreshCatalog() throws SQLException;
}
