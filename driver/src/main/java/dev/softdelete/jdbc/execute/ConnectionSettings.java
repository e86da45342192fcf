package dev.softdelete.jdbc.execute;

import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.Visibility;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What a {@code connect} call asks of this driver: the {@code softdelete.*} settings, read from the connection
 * properties and the URL (the URL wins), and the properties left for the delegate driver.
 */
public final class ConnectionSettings {
    /** The prefix of the driver's own connection properties, URL parameters and client-info properties. */
    static final String OWN_PREFIX = "softdelete.";

    private final String configLocation;
    private final Visibility visibility;
    private final String actor;
    private final Mode mode;
    private final Properties delegateProperties;

    private ConnectionSettings(String configLocation, Visibility visibility, String actor, Mode mode,
                               Properties delegateProperties) {
        this.configLocation = configLocation;
        this.visibility = visibility;
        this.actor = actor;
        this.mode = mode;
        this.delegateProperties = delegateProperties;
    }

    /**
     * Whether the name at {@code from} in {@code text} is one of this driver's: {@code softdelete.} in any case, so
     * that {@code softDelete.mode} is refused as unknown rather than handed to the database's driver, which ignores
     * it.
     */
    static boolean own(String text, int from) {
        return text.regionMatches(true, from, OWN_PREFIX, 0, OWN_PREFIX.length());
    }

    /**
     * Reads the settings of a connection.
     *
     * @param info the properties given to {@code connect}; may be null
     * @throws SQLException (SQLState SD000) for an unknown {@code softdelete.*} key, an invalid visibility or mode
     */
    public static ConnectionSettings of(SoftDeleteUrl url, Properties info) throws SQLException {
        Properties own = new Properties();
        Properties delegate = new Properties();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                (own(name, 0) ? own : delegate).setProperty(name, info.getProperty(name));
            }
        }
        own.putAll(url.parameters());
        for (String name : own.stringPropertyNames()) {
            if (!name.equals(SoftDeleteDriver.CONFIG_PROPERTY) && !name.equals(SoftDeleteDriver.VISIBILITY_PROPERTY)
                    && !name.equals(SoftDeleteDriver.ACTOR_PROPERTY) && !name.equals(SoftDeleteDriver.MODE_PROPERTY)) {
                throw new SQLException("Unknown soft-delete property " + name + "; the driver knows "
                        + SoftDeleteDriver.CONFIG_PROPERTY + ", " + SoftDeleteDriver.VISIBILITY_PROPERTY + ", "
                        + SoftDeleteDriver.ACTOR_PROPERTY + " and " + SoftDeleteDriver.MODE_PROPERTY,
                        SoftDeleteDriver.CONFIGURATION_ERROR);
            }
        }
        String label = own.getProperty(SoftDeleteDriver.VISIBILITY_PROPERTY);
        Visibility visibility = label == null ? Visibility.ACTIVE : Visibility.fromLabel(label);
        if (visibility == null) {
            throw new SQLException(SoftDeleteDriver.VISIBILITY_PROPERTY + ": " + invalidVisibility(label),
                    SoftDeleteDriver.CONFIGURATION_ERROR);
        }
        String modeLabel = own.getProperty(SoftDeleteDriver.MODE_PROPERTY);
        Mode mode = Mode.fromLabel(modeLabel);
        if (modeLabel != null && mode == null) {
            throw new SQLException(SoftDeleteDriver.MODE_PROPERTY + ": '" + modeLabel
                    + "' is not a mode; use enforce or observe", SoftDeleteDriver.CONFIGURATION_ERROR);
        }
        return new ConnectionSettings(own.getProperty(SoftDeleteDriver.CONFIG_PROPERTY), visibility,
                own.getProperty(SoftDeleteDriver.ACTOR_PROPERTY), mode, delegate);
    }

    /** The problem with a visibility label that names none, as a sentence. */
    static String invalidVisibility(String label) {
        StringBuilder known = new StringBuilder();
        for (Visibility v : Visibility.values()) {
            known.append(known.length() == 0 ? "" : ", ").append(v.label());
        }
        return "'" + label + "' is not a visibility; use one of " + known;
    }

    /** The {@code softdelete.config} setting, or null to let the configuration lookup search its defaults. */
    public String configLocation() {
        return configLocation;
    }

    /** The visibility the connection starts with. */
    public Visibility visibility() {
        return visibility;
    }

    /** Who deletes through the connection, or null. */
    public String actor() {
        return actor;
    }

    /** The {@code softdelete.mode} setting, or null to take {@code options.mode} of the configuration. */
    public Mode mode() {
        return mode;
    }

    /** The connection's mode: its own setting, else the configuration's. */
    public Mode mode(Mode configured) {
        return mode != null ? mode : configured;
    }

    /** The connection properties without the {@code softdelete.*} ones. */
    public Properties delegateProperties() {
        return delegateProperties;
    }

    /** Descriptions of the driver's own properties, with the values these settings hold. */
    public DriverPropertyInfo[] propertyInfo() {
        DriverPropertyInfo config = new DriverPropertyInfo(SoftDeleteDriver.CONFIG_PROPERTY, configLocation);
        config.description = "Where softdelete.yml is: a file path or classpath:name; unset, the default locations";
        DriverPropertyInfo visibilityInfo =
                new DriverPropertyInfo(SoftDeleteDriver.VISIBILITY_PROPERTY, visibility.label());
        visibilityInfo.description = "Which rows of soft-delete tables statements see at first";
        Visibility[] all = Visibility.values();
        visibilityInfo.choices = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            visibilityInfo.choices[i] = all[i].label();
        }
        DriverPropertyInfo actorInfo = new DriverPropertyInfo(SoftDeleteDriver.ACTOR_PROPERTY, actor);
        actorInfo.description = "Who deletes through the connection, written into actor columns";
        DriverPropertyInfo modeInfo =
                new DriverPropertyInfo(SoftDeleteDriver.MODE_PROPERTY, mode == null ? null : mode.label());
        modeInfo.description = "enforce: rewrite and refuse statements; observe: send them as written and only log"
                + " and count what would have happened; unset: options.mode of the configuration (default enforce)";
        modeInfo.choices = new String[] {Mode.ENFORCE.label(), Mode.OBSERVE.label()};
        return new DriverPropertyInfo[] {config, visibilityInfo, actorInfo, modeInfo};
    }
}
