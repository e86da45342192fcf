package dev.softdelete.jdbc.execute;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A histogram of parse times, lock-free: each power of two of nanoseconds is split into eight buckets, so a
 * percentile read from it is within 12.5 % of the true value. Recording is an array increment; parses are cache
 * misses, tens of microseconds at least, so this costs nothing that matters.
 */
final class ParseTimes {
    /** log2 of the buckets per power of two. */
    private static final int SUB_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int BUCKETS = 64 << SUB_BITS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        long n = Math.max(0, nanos);
        counts.incrementAndGet(bucket(n));
        max.accumulate(n);
    }

    /** The bucket of {@code nanos}: exact below 8, else eight buckets per power of two. */
    static int bucket(long nanos) {
        if (nanos < SUB_BUCKETS) {
            return (int) nanos;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return ((exponent - SUB_BITS + 1) << SUB_BITS) + sub;
    }

    /** The largest value that falls into {@code bucket}. */
    static long upperBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = (bucket >>> SUB_BITS) + SUB_BITS - 1;
        long width = 1L << (exponent - SUB_BITS);
        long lower = (long) (SUB_BUCKETS + (bucket & (SUB_BUCKETS - 1))) << (exponent - SUB_BITS);
        return lower + width - 1;
    }

    /**
     * The {@code fraction} quantile (0.5 for the median) in nanoseconds: the upper bound of its bucket, never above
     * the largest value recorded; 0 when nothing was recorded.
     */
    long quantile(double fraction) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max());
            }
        }
        return max();
    }

    long max() {
        return max.get();
    }
}
