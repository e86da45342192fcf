package dev.softdelete.jdbc.rewrite;

import dev.softdelete.jdbc.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the outcome of each SQL text per visibility, so that a statement is parsed once. Bounded by the total
 * length of the texts it holds; when full it starts over (a crude policy, good enough until a weighed LRU).
 */
final class RewriteCache {
    /** An outcome that is a refusal: kept as state and message, a fresh exception is thrown on each hit. */
    static final class Refusal {
        final String sqlState;
        final String message;

        Refusal(StatementRefusedException e) {
            this.sqlState = e.sqlState();
            this.message = e.getMessage();
        }
    }

    private final List<ConcurrentHashMap<String, Object>> byVisibility = new ArrayList<>();
    private final AtomicLong chars = new AtomicLong();
    private final long maxChars;

    RewriteCache(long maxChars) {
        this.maxChars = maxChars;
        for (int i = 0; i < Visibility.values().length; i++) {
            byVisibility.add(new ConcurrentHashMap<>());
        }
    }

    /** The cached outcome: a {@link Rewrite}, a {@link Refusal}, or null when not cached. */
    Object get(String sql, Visibility visibility) {
        return byVisibility.get(visibility.ordinal()).get(sql);
    }

    void put(String sql, Visibility visibility, Object outcome) {
        long weight = 2L * sql.length() + 64;
        if (outcome instanceof Rewrite && !((Rewrite) outcome).unchanged()) {
            weight += ((Rewrite) outcome).sqlFor(sql).length();
        }
        if (weight > maxChars / 16) {
            return; // a statement this large would crowd out the rest
        }
        if (chars.addAndGet(weight) > maxChars) {
            for (ConcurrentHashMap<String, Object> m : byVisibility) {
                m.clear();
            }
            chars.set(weight);
        }
        byVisibility.get(visibility.ordinal()).put(sql, outcome);
    }
}
