package dev.softdelete.jdbc.execute;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The rewrite engine the connections of one configuration and one database share. The engine is built from the
 * configuration and the database's catalog, read on the first connection; it is replaced when the configuration
 * changes or the catalog is read again (after DDL through the driver, or on request), and every connection's next
 * statement uses the new one.
 */
public final class SharedEngine implements StatementGate.Rewriter {
    private final Dialect dialect;
    private volatile RewriteEngine engine;

    SharedEngine(Dialect dialect) {
        this.dialect = dialect;
    }

    /** An engine fixed once and for all, with no catalog to read again (tests, tools). */
    public static SharedEngine of(RewriteEngine engine) {
        SharedEngine shared = new SharedEngine(engine.dialect());
        shared.engine = engine;
        return shared;
    }

    public RewriteEngine engine() {
        return engine;
    }

    @Override
    public Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException {
        return engine.rewrite(sql, visibility);
    }

    /** The engine itself: a rewrite remembered from another engine no longer stands. */
    @Override
    public Object version() {
        return engine;
    }

    /** Builds the engine for {@code config}, reading the catalog on {@code connection}, unless it has it already. */
    synchronized void use(SoftDeleteConfig config, Connection connection) throws SQLException {
        RewriteEngine current = engine;
        if (current == null || current.config() != config) {
            engine = new RewriteEngine(config, dialect, CatalogReader.read(connection, dialect, config));
        }
    }

    /** Reads the catalog again on {@code connection} and replaces the engine: new partitions, foreign keys, ... */
    synchronized void refresh(Connection connection) throws SQLException {
        SoftDeleteConfig config = engine.config();
        engine = new RewriteEngine(config, dialect, CatalogReader.read(connection, dialect, config));
    }
}
