package dev.softdelete.it.support;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.nio.file.Path;
import java.sql.Connection;

/** The referential-integrity guards of a configuration, installed as {@code softdelete-cli migrate} installs them. */
public final class Guards {
    private Guards() {
    }

    /** Installs on {@code raw}'s database the guard triggers (and lock indexes) {@code config} asks for. */
    public static void install(Connection raw, String rawUrl, Path config) throws Exception {
        SoftDeleteConfig loaded = ConfigLoader.load(config);
        Dialect dialect = Dialect.fromUrl(rawUrl);
        for (String statement : new GuardTriggers(loaded, CatalogReader.read(raw, dialect, loaded), dialect)
                .statements()) {
            Sql.execute(raw, statement);
        }
    }
}
