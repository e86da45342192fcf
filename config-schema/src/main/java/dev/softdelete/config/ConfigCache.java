package dev.softdelete.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Loaded configurations by location (as named, since the name is the configuration's source), so that a pool opening
 * many connections parses the YAML once. A file is read again when its last-modified time or size changes; a
 * classpath resource is read once.
 */
final class ConfigCache {
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The configuration in {@code file}, from the cache while the file is unchanged. */
    SoftDeleteConfig file(Path file) throws ConfigException {
        String stamp;
        try {
            stamp = Files.getLastModifiedTime(file) + " " + Files.size(file);
        } catch (IOException e) {
            return ConfigLoader.load(file);
        }
        String key = "file:" + file;
        Entry entry = entries.get(key);
        if (entry != null && entry.stamp.equals(stamp)) {
            return entry.config;
        }
        SoftDeleteConfig config = ConfigLoader.load(file);
        entries.put(key, new Entry(stamp, config));
        return config;
    }

    /** The configuration in a classpath resource found at {@code url}, named {@code source} in messages. */
    SoftDeleteConfig resource(URL url, String source) throws ConfigException {
        String key = source + " at " + url;
        Entry entry = entries.get(key);
        if (entry != null) {
            return entry.config;
        }
        SoftDeleteConfig config;
        try (InputStream in = url.openStream()) {
            config = ConfigLoader.load(in, source);
        } catch (IOException e) {
            ConfigException failure = new ConfigException(source, 0, 0, null, "cannot be read: " + e);
            failure.initCause(e);
            throw failure;
        }
        entries.put(key, new Entry("", config));
        return config;
    }

    /** A loaded configuration and the file stamp it was loaded at. */
    private static final class Entry {
        final String stamp;
        final SoftDeleteConfig config;

        Entry(String stamp, SoftDeleteConfig config) {
            this.stamp = stamp;
            this.config = config;
        }
    }
}
