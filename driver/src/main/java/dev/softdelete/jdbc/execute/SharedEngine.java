package dev.softdelete.jdbc.execute;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.RewriteListener;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The rewrite engine the connections of one configuration and one database share. The engine is built from the
 * configuration and the database's catalog, read on the first connection; it is replaced when the configuration
 * changes or the catalog is read again (after DDL through the driver, or on request), and every connection's next
 * statement uses the new one.
 */
public final class SharedEngine implements StatementGate.Rewriter {
    private final Dialect dialect;
    private final RewriteListener listener;
    private final StatementRecorder recorder;
    /** Told after this engine read the catalog again (DDL through the driver): other engines may be stale too. */
    private final Consumer<SharedEngine> refreshed;
    private volatile RewriteEngine engine;
    /**
     * The catalog may have changed since it was read: DDL ran through a connection of another engine (another
     * configuration path, other session schemas, another spelling of the host), which read its own catalog again.
     */
    private volatile boolean stale;
    /** Whether a key the driver carries from parents to children is a character column (see {@link CharacterKeys}). */
    private volatile boolean characterKeys;

    /**
     * @param listener  told by every engine built here about its cache hits and parse times
     * @param recorder  records the statements of the connections that use this engine
     * @param refreshed told after this engine read the catalog again on request
     */
    SharedEngine(Dialect dialect, RewriteListener listener, StatementRecorder recorder,
                 Consumer<SharedEngine> refreshed) {
        this.dialect = dialect;
        this.listener = listener;
        this.recorder = recorder;
        this.refreshed = refreshed;
    }

    /** An engine fixed once and for all, with no catalog to read again (tests, tools); it records nowhere. */
    public static SharedEngine of(RewriteEngine engine) {
        SharedEngine shared = new SharedEngine(engine.dialect(), RewriteListener.NONE, StatementRecorder.silent(),
                e -> { });
        shared.engine = engine;
        return shared;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Whether the catalog must be read again before the next statement (see {@link #markStale()}). */
    boolean stale() {
        return stale;
    }

    /** DDL through another engine's connection may have changed what this engine's catalog says. */
    void markStale() {
        stale = true;
    }

    public RewriteEngine engine() {
        return engine;
    }

    /**
     * Refuses {@code connection} when its character set could not carry the character keys of this engine's
     * configuration (see {@link CharacterKeys}); a round trip, only where there are such keys.
     */
    public void refuseLossyCharacterSet(Connection connection) throws SQLException {
        if (characterKeys) {
            CharacterKeys.refuseLossy(connection); // utf8mb4 only: no multi-byte set that hides a backslash either
        } else if (dialect.isMySqlFamily()) {
            CharacterKeys.refuseBackslashHiding(connection);
        }
    }

    /** Records what the connections of this engine do with their statements (metrics, log). */
    public StatementRecorder recorder() {
        return recorder;
    }

    @Override
    public Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException {
        return engine.rewrite(sql, visibility);
    }

    @Override
    public Rewrite rewriteNew(String sql, Visibility visibility) throws StatementRefusedException {
        return engine.rewriteNew(sql, visibility);
    }

    /** The engine itself: a rewrite remembered from another engine no longer stands. */
    @Override
    public Object version() {
        return engine;
    }

    /**
     * Builds the engine for {@code config}, reading the catalog on {@code connection}, unless it has it already;
     * returns whether it did.
     */
    synchronized boolean use(SoftDeleteConfig config, Connection connection) throws SQLException {
        RewriteEngine current = engine;
        if (current == null || current.config() != config) {
            CatalogSnapshot.refuseOld(connection, dialect);
            Catalog catalog = CatalogReader.read(connection, dialect, config);
            CatalogReader.refuseUnusable(connection, dialect, config, catalog);
            characterKeys = CharacterKeys.exist(connection, dialect, config, catalog);
            engine = new RewriteEngine(config, dialect, catalog, listener);
            return true;
        }
        return false;
    }

    /**
     * Reads the catalog again on {@code connection} and replaces the engine: new partitions, foreign keys, ...; the
     * other engines are told, since the DDL may concern their databases too.
     */
    void refresh(Connection connection) throws SQLException {
        if (CatalogSnapshot.old(connection, dialect)) {
            // DDL in a transaction that reads an old catalog: the engines read it again where they can (the other
            // connections, and this one when its transaction has ended)
            stale = true;
        } else {
            read(connection);
        }
        refreshed.accept(this);
    }

    /**
     * An engine of this configuration read on {@code connection} now, for its session alone (DDL inside its
     * REPEATABLE READ or SERIALIZABLE transaction, which sees its own changes and no one else's since its snapshot):
     * not shared, never marked stale by others. This engine and the others read the catalog again where they can.
     */
    SharedEngine alone(Connection connection) throws SQLException {
        SharedEngine alone = new SharedEngine(dialect, listener, recorder, e -> { });
        SoftDeleteConfig config = engine.config();
        alone.engine = new RewriteEngine(config, dialect, CatalogReader.read(connection, dialect, config), listener);
        stale = true;
        refreshed.accept(this);
        return alone;
    }

    /** As {@link #refresh}, when the engine is stale, and without telling the others: it is catching up. */
    void refreshIfStale(Connection connection) throws SQLException {
        if (stale) {
            synchronized (this) {
                if (stale) {
                    CatalogSnapshot.refuseOld(connection, dialect);
                    read(connection);
                }
            }
        }
    }

    private synchronized void read(Connection connection) throws SQLException {
        stale = false; // a DDL of another connection during the read marks it again
        SoftDeleteConfig config = engine.config();
        try {
            Catalog catalog = CatalogReader.read(connection, dialect, config);
            // DDL since the connection opened may have made a timestamp self-stamping (a probe's ALTER did)
            CatalogReader.refuseSelfStampingTimestamps(config, catalog);
            characterKeys |= CharacterKeys.exist(connection, dialect, config, catalog);
            engine = new RewriteEngine(config, dialect, catalog, listener);
        } catch (SQLException | RuntimeException e) {
            stale = true;
            throw e;
        }
    }
}
