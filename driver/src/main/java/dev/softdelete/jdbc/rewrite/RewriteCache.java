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

    /** The admitted-hash filter has 2 to this power bits. */
    static final int ADMITTED_BITS = 17;

    /** Sets of the table of texts seen once (a power of two); each set remembers two texts. */
    static final int SEEN_SETS = 2048;

    private final Cache<String, Entry> cache;
    private final long maxBytes;
    /**
     * Hashes of texts answered once by the shape path, two per set, the more recent first: a lossy doorkeeper
     * (racy writes, no lock) that lets a text seen twice into the cache and keeps one-off texts, whose literals
     * change every time, out.
     */
    private final int[] seen = new int[2 * SEEN_SETS];
    /**
     * One bit per hash slot of the texts ever put: a text whose bit is clear is not in the cache. 2 to the
     * {@link #ADMITTED_BITS} bits (16 KB), so that even tens of thousands of cached texts leave most bits clear.
     */
    private final long[] admitted = new long[1 << (ADMITTED_BITS - 6)];

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
        int mixed = h * 0x9E3779B9;
        int first = 2 * ((mixed ^ (mixed >>> 16)) & (SEEN_SETS - 1));
        if (h != 0 && (seen[first] == h || seen[first + 1] == h)) {
            seen[seen[first] == h ? first : first + 1] = 0;
            return true;
        }
        seen[first + 1] = seen[first];
        seen[first] = h;
        return false;
    }

    /**
     * Whether the cache may hold {@code sql}: false when no text of its hash was ever put, so that a text seen for
     * the first time (new literals in a plain statement) skips the lookup in the shared map. Bits are set before the
     * put and never cleared. A bit lost to a racing write on the same word makes its text miss, and be worked out
     * again, until its next put sets the bit again: a cost, never a different outcome.
     */
    private boolean mayHold(String sql) {
        int bit = admittedBit(sql);
        return (admitted[bit >>> 6] & (1L << bit)) != 0;
    }

    private void admit(String sql) {
        int bit = admittedBit(sql);
        admitted[bit >>> 6] |= 1L << bit;
    }

    /** The bit of {@code sql}'s hash slot: the top bits of its hash, mixed. */
    private static int admittedBit(String sql) {
        return (sql.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - ADMITTED_BITS);
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
