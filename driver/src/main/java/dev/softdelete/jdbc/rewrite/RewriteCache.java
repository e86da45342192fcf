package dev.softdelete.jdbc.rewrite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.softdelete.jdbc.Visibility;

/**
 * Remembers the outcome of each SQL text per visibility, so that a statement is parsed once. One cache per engine,
 * and an engine belongs to one configuration and dialect, so the configuration's version is part of every key
 * without being spelled out: a changed configuration gets a new engine and a new, empty cache.
 *
 * <p>A Caffeine cache (W-TinyLFU: one-off statements do not push out the frequent ones) keyed by the text alone;
 * each entry holds the outcomes of that text for every visibility, so a lookup allocates no key object. What it
 * holds: the outcome of every text the engine parsed (rewrites, and refusals as state and message, except parses
 * over their time budget), the rewrite of each literal shape, and — once seen twice, see {@link #seenBefore} — texts
 * answered through their shape and texts that name no configured table (a repeated text then skips the
 * pre-filter's pass over it). Entries are weighed by an estimate of the heap they keep (two bytes a character,
 * whatever the strings' coding, plus the objects around them), the total is bounded, and a single entry above
 * {@link #MAX_ENTRY_BYTES} is not cached at all: a few huge statements cannot crowd out the rest or exhaust the
 * heap. Maintenance (eviction) runs on the calling thread, never on a pool of its own, so the bound holds as soon as
 * a write returns.
 *
 * <p>A hit is a bit test, {@code getIfPresent} and an array read: no allocation beyond Caffeine's own, no lock. A
 * text never put misses on the bit test alone (see {@link #mayHold}): a statement with new literals every time does
 * not search the shared map.
 */
final class RewriteCache {
    /**
     * The default bound on the estimated weight. With Caffeine's own structures (its frequency sketch, the hash
     * table) and writers in flight on other threads, the heap the default cache keeps stays below 32 MB (measured
     * by {@code RewriteCacheHeapTest}).
     */
    static final long DEFAULT_MAX_BYTES = 24L << 20;
    /** Above this estimate a statement's outcome is not cached (a text of about 100,000 characters). */
    static final int MAX_ENTRY_BYTES = 256 << 10;

    /** Estimated bytes of an entry besides its strings: Caffeine's node, the hash table's, the entry's arrays. */
    static final int ENTRY_OVERHEAD = 224;
    /** Estimated bytes of one outcome besides its strings. */
    static final int OUTCOME_OVERHEAD = 64;
    /** Estimated bytes of a String besides its characters. */
    static final int STRING_OVERHEAD = 56;

    /** The shape path has not yet asked whether it may use this outcome. */
    static final byte SHAPE_UNKNOWN = 0;
    /** The outcome may stand for every statement of which this text is the literal-free shape. */
    static final byte SHAPE_USABLE = 1;
    /** The outcome must not: a refusal, a pass-through, a parse that failed, statements around it. */
    static final byte SHAPE_UNUSABLE = 2;

    private static final int VISIBILITIES = Visibility.values().length;

    /** An outcome that is a refusal: kept as state and message, a fresh exception is thrown on each hit. */
    static final class Refusal {
        final String sqlState;
        final String message;

        Refusal(StatementRefusedException e) {
            this.sqlState = e.sqlState();
            this.message = e.getMessage();
        }
    }

    /**
     * The outcomes of one text, indexed by {@link Visibility#ordinal()}: a {@link Rewrite}, a {@link Refusal}, or
     * null when that visibility has not been seen. Replaced as a whole when an outcome is added, so that Caffeine
     * weighs it again; only the shape verdicts are filled in place (an idempotent, racy but harmless write).
     */
    static final class Entry {
        final Object[] outcomes;
        final byte[] shape;
        final int weight;

        private Entry(String sql, Object[] outcomes, byte[] shape) {
            this.outcomes = outcomes;
            this.shape = shape;
            long w = ENTRY_OVERHEAD + 2L * sql.length() + STRING_OVERHEAD;
            for (Object o : outcomes) {
                w += o == null ? 0 : weigh(o);
            }
            this.weight = (int) Math.min(Integer.MAX_VALUE, w);
        }

        Object outcome(Visibility visibility) {
            return outcomes[visibility.ordinal()];
        }

        byte shape(Visibility visibility) {
            return shape[visibility.ordinal()];
        }

        void shape(Visibility visibility, byte verdict) {
            shape[visibility.ordinal()] = verdict;
        }

        Entry with(String sql, Visibility visibility, Object outcome, byte verdict) {
            Object[] o = outcomes.clone();
            byte[] s = shape.clone();
            o[visibility.ordinal()] = outcome;
            s[visibility.ordinal()] = verdict;
            return new Entry(sql, o, s);
        }

        static Entry of(String sql, Visibility visibility, Object outcome, byte verdict) {
            return new Entry(sql, new Object[VISIBILITIES], new byte[VISIBILITIES]).with(sql, visibility, outcome,
                    verdict);
        }
    }

    /**
     * Groups of the table of hashes, 2 to this power. A group is four ints: int 0 holds 32 admitted bits, ints 1 to 3
     * the hashes of texts seen once, the most recent first. A text looks at its group only, 16 bytes, so a text the
     * engine has never seen touches one cache line of this table for both questions (two for one group in four when
     * the array does not start on a multiple of 16 bytes; Java aligns objects to 8).
     */
    private static final int GROUP_BITS = 12;
    static final int GROUPS = 1 << GROUP_BITS;
    /** Ints per group. */
    private static final int GROUP_INTS = 4;
    /** The admitted bits are 2 to this power: {@link #GROUPS} groups of 32. */
    static final int ADMITTED_BITS = GROUP_BITS + 5;

    private final Cache<String, Entry> cache;
    private final long maxBytes;
    /**
     * The groups, {@link #GROUP_INTS} ints each: one bit per hash slot of the texts ever put (a text whose bit is
     * clear is not in the cache), and a lossy doorkeeper (racy writes, no lock) of the hashes of texts answered once
     * without the cache, which lets a text seen twice into the cache and keeps one-off texts, whose literals change
     * every time, out. 2 to the {@link #ADMITTED_BITS} bits, so that even tens of thousands of cached texts leave most
     * bits clear; three hashes per group, 12,288 in all. 64 KB.
     */
    private final int[] groups = new int[GROUPS * GROUP_INTS];

    RewriteCache() {
        this(DEFAULT_MAX_BYTES);
    }

    RewriteCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String sql, Entry e) -> e.weight)
                .executor(Runnable::run)
                .build();
    }

    /** The cached outcome: a {@link Rewrite}, a {@link Refusal}, or null when not cached. The hot path. */
    Object get(String sql, Visibility visibility) {
        if (!mayHold(sql)) {
            return null;
        }
        Entry e = cache.getIfPresent(sql);
        return e == null ? null : e.outcomes[visibility.ordinal()];
    }

    /** The entry of {@code sql}, or null: for the shape path, which also reads and records shape verdicts. */
    Entry entry(String sql) {
        return mayHold(sql) ? cache.getIfPresent(sql) : null;
    }

    /**
     * Remembers {@code outcome} of {@code sql} under {@code visibility}, with the shape path's verdict on it; an
     * entry over {@link #MAX_ENTRY_BYTES} is not kept.
     */
    void put(String sql, Visibility visibility, Object outcome, byte verdict) {
        long alone = ENTRY_OVERHEAD + 2L * sql.length() + STRING_OVERHEAD + weigh(outcome);
        if (alone > MAX_ENTRY_BYTES) {
            return; // a statement this large would crowd out the rest
        }
        admit(sql);
        cache.asMap().compute(sql, (key, old) -> {
            Entry next = old == null ? Entry.of(key, visibility, outcome, verdict)
                    : old.with(key, visibility, outcome, verdict);
            return next.weight > MAX_ENTRY_BYTES ? old : next;
        });
    }

    /**
     * Whether {@code sql} was seen before by this doorkeeper (then it is forgotten), else remembers it. Costs no
     * allocation: the hash of a string is computed once, and the cache lookup that missed has computed it already.
     */
    boolean seenBefore(String sql) {
        int h = sql.hashCode();
        int g = group(h);
        int[] t = groups;
        if (h != 0) {
            for (int i = g + 1; i < g + GROUP_INTS; i++) {
                if (t[i] == h) {
                    t[i] = 0;
                    return true;
                }
            }
        }
        t[g + 3] = t[g + 2];
        t[g + 2] = t[g + 1];
        t[g + 1] = h;
        return false;
    }

    /**
     * Whether the cache may hold {@code sql}: false when no text of its hash slot was ever put, so that a text seen
     * for the first time (new literals in a plain statement) skips the lookup in the shared map. Bits are set before
     * the put and never cleared. A bit lost to a racing write on the same int makes its text miss, and be worked out
     * again, until its next put sets the bit again: a cost, never a different outcome.
     */
    private boolean mayHold(String sql) {
        int h = sql.hashCode();
        return (groups[group(h)] & admittedBit(h)) != 0;
    }

    private void admit(String sql) {
        int h = sql.hashCode();
        groups[group(h)] |= admittedBit(h);
    }

    /** The first int of the group of hash {@code h}: the top {@link #GROUP_BITS} bits of the mixed hash. */
    private static int group(int h) {
        return ((h * 0x9E3779B9) >>> (Integer.SIZE - GROUP_BITS)) * GROUP_INTS;
    }

    /** The admitted bit of hash {@code h} within its group: the next 5 bits of the mixed hash. */
    private static int admittedBit(int h) {
        return 1 << (((h * 0x9E3779B9) >>> (Integer.SIZE - ADMITTED_BITS)) & 31);
    }

    /** Whether an entry for {@code sql} alone stays below {@link #MAX_ENTRY_BYTES} (its outcomes may not). */
    static boolean fits(String sql) {
        return ENTRY_OVERHEAD + STRING_OVERHEAD + 2L * sql.length() + OUTCOME_OVERHEAD <= MAX_ENTRY_BYTES;
    }

    /** The estimated total weight of the entries, after pending maintenance. */
    long weightedSize() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    long maxBytes() {
        return maxBytes;
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Estimated bytes an outcome keeps besides the text it is the outcome of. */
    static long weigh(Object outcome) {
        if (outcome instanceof Refusal) {
            return OUTCOME_OVERHEAD + STRING_OVERHEAD + 2L * ((Refusal) outcome).message.length();
        }
        Rewrite r = (Rewrite) outcome;
        long w = OUTCOME_OVERHEAD;
        if (!r.unchanged()) {
            w += STRING_OVERHEAD + 2L * r.sqlFor("").length();
        }
        if (r.restore()) {
            w += 4_000; // a restore plan: a few statements per table of the cascade map (restores are not shaped)
        }
        // cascade steps and foreign-key checks are shared by every rewrite of the same table (the planner memoises
        // them): the lists only
        w += 16 + 8L * r.after().size() + 16 + 8L * r.checks().size();
        return w;
    }
}
