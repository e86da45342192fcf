package dev.softdelete.cli;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Asks the driver's rewrite engine what it makes of statements, without a database: the same engine, for the same
 * configuration and dialect, that a connection of the driver uses, so what it says is what the driver sends.
 */
final class Explainer {
    private final RewriteEngine engine;
    private final Visibility visibility;

    Explainer(RewriteEngine engine, Visibility visibility) {
        this.engine = engine;
        this.visibility = visibility;
    }

    /**
     * An explainer that knows the configuration and the dialect only: no partitions or inheriting tables of
     * configured tables, no foreign keys, no auto-updated columns.
     */
    static Explainer offline(SoftDeleteConfig config, Dialect dialect, Visibility visibility) {
        return new Explainer(new RewriteEngine(config, dialect), visibility);
    }

    /**
     * An explainer that also knows the database's catalog, read on {@code connection} as the driver reads it on a
     * configuration's first connection: it explains what the driver sends to that database.
     */
    static Explainer forDatabase(SoftDeleteConfig config, Dialect dialect, Connection connection,
                                 Visibility visibility) throws SQLException {
        Catalog catalog = CatalogReader.read(connection, dialect, config);
        return new Explainer(new RewriteEngine(config, dialect, catalog), visibility);
    }

    Explanation explain(String sql) {
        try {
            Rewrite rewrite = engine.rewrite(sql, visibility);
            return Explanation.of(sql, rewrite, engine.dialect());
        } catch (StatementRefusedException e) {
            return Explanation.refused(sql, e);
        }
    }

    Dialect dialect() {
        return engine.dialect();
    }

    Visibility visibility() {
        return visibility;
    }
}
