package dev.softdelete.cli;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;

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
     * An explainer that knows the configuration and the dialect only.
     *
     * <p>The seam for a database catalog: an explainer given {@code --url} is built here today from the URL's
     * dialect alone; once the driver can read a catalog, it is read and handed to the engine in this one place.
     */
    static Explainer offline(SoftDeleteConfig config, Dialect dialect, Visibility visibility) {
        return new Explainer(new RewriteEngine(config, dialect), visibility);
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
