package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.SoftDeleteDriver;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code jdbc:softdelete:} URL taken apart: the delegate URL ({@code jdbc:} and the rest, byte for byte) and the
 * {@code softdelete.*} parameters, which are cut out of the delegate URL. Parameters are recognised after
 * {@code ?}, {@code &} or {@code ;}, so both {@code ?a=b&c=d} (PostgreSQL, MySQL) and {@code ;a=b} (H2, SQL
 * Server) work; values are taken literally, without percent-decoding.
 */
public final class SoftDeleteUrl {
    /** The prefix of every URL this driver accepts. */
    public static final String PREFIX = "jdbc:softdelete:";

    private final String delegateUrl;
    private final Map<String, String> parameters;

    private SoftDeleteUrl(String delegateUrl, Map<String, String> parameters) {
        this.delegateUrl = delegateUrl;
        this.parameters = parameters;
    }

    /** Whether {@code url} is one of this driver's; looks at the prefix only. */
    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * Takes apart a URL that {@link #accepts} approves.
     *
     * @throws SQLException when the delegate URL is itself a {@code jdbc:softdelete:} URL
     */
    public static SoftDeleteUrl parse(String url) throws SQLException {
        String rest = "jdbc:" + url.substring(PREFIX.length());
        if (accepts(rest)) {
            throw new SQLException("The URL " + url + " names the soft-delete driver twice; write "
                    + PREFIX + " once, in front of the database's own URL", SoftDeleteDriver.CONFIGURATION_ERROR);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        StringBuilder delegate = new StringBuilder(rest.length());
        int separator = nextSeparator(rest, 0, false);
        delegate.append(rest, 0, separator < 0 ? rest.length() : separator);
        boolean queryStarted = false;
        boolean queryMarkRemoved = false;
        while (separator >= 0) {
            char mark = rest.charAt(separator);
            queryStarted |= mark == '?';
            int next = nextSeparator(rest, separator + 1, queryStarted);
            int end = next < 0 ? rest.length() : next;
            if (ConnectionSettings.own(rest, separator + 1)) {
                putParameter(parameters, rest.substring(separator + 1, end));
                queryMarkRemoved |= mark == '?';
            } else if (queryMarkRemoved && mark == '&') {
                delegate.append('?').append(rest, separator + 1, end);
                queryMarkRemoved = false;
            } else {
                delegate.append(rest, separator, end);
            }
            separator = next;
        }
        return new SoftDeleteUrl(parameters.isEmpty() ? rest : delegate.toString(),
                Collections.unmodifiableMap(parameters));
    }

    /** The index of the next {@code ;} or {@code &} from {@code from}, or of {@code ?} before the query. */
    private static int nextSeparator(String url, int from, boolean queryStarted) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ';' || c == '&' || (c == '?' && !queryStarted)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds one {@code softdelete.*} parameter; one given twice is refused rather than the last one winning (a probe's
     * {@code softdelete.mode=enforce&softdelete.mode=observe} opened in observe mode, its deletes real).
     */
    private static void putParameter(Map<String, String> parameters, String keyValue) throws SQLException {
        int eq = keyValue.indexOf('=');
        String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
        if (parameters.put(key, eq < 0 ? "" : keyValue.substring(eq + 1)) != null) {
            throw new SQLException("The URL gives " + key + " twice; give each softdelete setting once",
                    SoftDeleteDriver.CONFIGURATION_ERROR);
        }
    }

    /**
     * Which database the delegate URL names, for telling catalogs apart: the URL up to its parameters
     * ({@code jdbc:postgresql://host:5432/shop}), so that credentials and options do not count.
     */
    public String database() {
        int end = delegateUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int at = delegateUrl.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return delegateUrl.substring(0, end);
    }

    /** The URL to hand to the delegate driver. */
    public String delegateUrl() {
        return delegateUrl;
    }

    /** The {@code softdelete.*} parameters of the URL, in order of appearance. */
    public Map<String, String> parameters() {
        return parameters;
    }
}
