package dev.softdelete.config;

/**
 * A {@code softdelete.yml} that cannot be used: missing, unreadable, not YAML, or not valid against the schema.
 * The message names the file and, where known, the line, column and key.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String key;

    /**
     * @param source where the file came from
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param key the dotted path of the offending key ({@code tables.orders.cascade[0].table}), or null
     * @param problem what is wrong, as a sentence
     */
    public ConfigException(String source, int line, int column, String key, String problem) {
        super(format(source, line, column, key, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.key = key;
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.source = null;
        this.line = 0;
        this.column = 0;
        this.key = null;
    }

    private static String format(String source, int line, int column, String key, String problem) {
        StringBuilder b = new StringBuilder(String.valueOf(source));
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (key != null) {
            b.append(key).append(": ");
        }
        return b.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String key() {
        return key;
    }
}
