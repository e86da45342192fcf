package dev.softdelete.jdbc.purge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a purge removed: rows per table, in the order the tables were purged. */
public final class PurgeReport {
    private final Map<String, Long> deleted;

    PurgeReport(Map<String, Long> deleted) {
        this.deleted = Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
    }

    public Map<String, Long> rowsPerTable() {
        return deleted;
    }

    public long totalRows() {
        return deleted.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "purged " + totalRows() + " row(s): " + deleted;
    }
}
