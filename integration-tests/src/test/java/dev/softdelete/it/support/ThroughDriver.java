package dev.softdelete.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections the way an application would after switching to the soft-delete driver. */
public final class ThroughDriver {
    /** URL prefix the soft-delete driver answers to. */
    public static final String PREFIX = "jdbc:softdelete:";
    /** Connection property naming the configuration file. */
    public static final String CONFIG_PROPERTY = "softdelete.config";

    private ThroughDriver() {
    }

    /** {@code jdbc:postgresql://...} becomes {@code jdbc:softdelete:postgresql://...}. */
    public static String url(String rawUrl) {
        if (!rawUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + Urls.redact(rawUrl));
        }
        return PREFIX + rawUrl.substring("jdbc:".length());
    }

    /** Connection properties carrying only {@code softdelete.config}. */
    public static Properties properties(Path config) {
        Properties props = new Properties();
        props.setProperty(CONFIG_PROPERTY, config.toString());
        return props;
    }

    /** {@code DriverManager.getConnection("jdbc:softdelete:" + ..., {softdelete.config: config})}. */
    public static Connection connect(String rawUrl, Path config) throws SQLException {
        return DriverManager.getConnection(url(rawUrl), properties(config));
    }
}
