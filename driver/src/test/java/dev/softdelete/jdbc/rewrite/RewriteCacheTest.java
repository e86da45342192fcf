package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rewrite cache: bounded by weight whatever the statements, keyed by text and visibility, refusals kept, and a
 * hit that allocates nothing.
 */
class RewriteCacheTest {
    private static final long MB = 1L << 20;

    private static String statement(int i, int length) {
        StringBuilder b = new StringBuilder("SELECT * FROM orders WHERE id = ").append(i).append(" AND note = '");
        while (b.length() < length - 1) {
            b.append((char) ('a' + (b.length() % 26)));
        }
        return b.append('\'').toString();
    }

    @Test
    void keysAreTextAndVisibility() {
        RewriteCache cache = new RewriteCache(MB);
        Rewrite a = Rewrite.replacedBy("a");
        Rewrite b = Rewrite.replacedBy("b");
        cache.put("SELECT 1 FROM orders", Visibility.ACTIVE, a, RewriteCache.SHAPE_USABLE);
        cache.put("SELECT 1 FROM orders", Visibility.ONLY_DELETED, b, RewriteCache.SHAPE_USABLE);
        assertThat(cache.get(new String("SELECT 1 FROM orders"), Visibility.ACTIVE)).isSameAs(a);
        assertThat(cache.get("SELECT 1 FROM orders", Visibility.ONLY_DELETED)).isSameAs(b);
        assertThat(cache.get("SELECT 1 FROM orders", Visibility.INCLUDE_DELETED)).isNull();
        assertThat(cache.get("SELECT 2 FROM orders", Visibility.ACTIVE)).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theWeightStaysWithinTheBoundAndHugeStatementsAreNotKept() {
        RewriteCache cache = new RewriteCache(4 * MB);
        for (int i = 0; i < 20_000; i++) {
            String sql = statement(i, 200 + i % 3000);
            cache.put(sql, Visibility.ACTIVE, Rewrite.replacedBy(sql + " AND live"), RewriteCache.SHAPE_USABLE);
            assertThat(cache.weightedSize()).isLessThanOrEqualTo(4 * MB);
        }
        String huge = statement(0, RewriteCache.MAX_ENTRY_BYTES / 2);
        cache.put(huge, Visibility.ACTIVE, Rewrite.UNCHANGED, RewriteCache.SHAPE_UNKNOWN);
        assertThat(cache.get(huge, Visibility.ACTIVE)).isNull();
    }

    /**
     * The default cache filled far beyond its bound, once with many small statements (where the objects around the
     * text weigh most), once with large ones near the size that is still cached, once with text that needs two bytes a
     * character: the heap it keeps, measured after collections, stays below 32 MB.
     */
    @Test
    void theDefaultCacheKeepsLessThan32MbOfHeap() {
        assertThat(retainedBytes(400_000, i -> statement(i, 40 + i % 60))).isLessThan(32 * MB);
        assertThat(retainedBytes(1_500, i -> statement(i, 60_000 + i))).isLessThan(32 * MB);
        assertThat(retainedBytes(4_000, i -> statement(i, 8_000) + "ünïcødé €")).isLessThan(32 * MB);
    }

    private interface Statements {
        String get(int i);
    }

    private static long retainedBytes(int count, Statements statements) {
        long before = usedHeapAfterGc();
        RewriteCache cache = new RewriteCache();
        for (int i = 0; i < count; i++) {
            String sql = statements.get(i);
            Object outcome = i % 5 == 0
                    ? new RewriteCache.Refusal(new StatementRefusedException("SD001", "refused: " + sql.substring(0,
                            Math.min(sql.length(), 200))))
                    : Rewrite.replacedBy(sql + " AND orders.is_deleted = FALSE");
            cache.put(sql, Visibility.values()[i % 3], outcome, RewriteCache.SHAPE_USABLE);
        }
        long after = usedHeapAfterGc();
        long weight = cache.weightedSize();
        System.out.printf("[cache] %d statements: %d kept, estimated %.1f MB, heap %.1f MB%n", count, cache.size(),
                weight / (double) MB, (after - before) / (double) MB);
        assertThat(weight).isLessThanOrEqualTo(RewriteCache.DEFAULT_MAX_BYTES);
        assertThat(cache.size()).isPositive();
        return after - before;
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void aHitAllocatesNothing() throws Exception {
        RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);
        String rewritten = "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?";
        String unchanged = "INSERT INTO orders (id, total) VALUES (?, ?)";
        String plain = "SELECT * FROM products WHERE id = ?";
        List<String> all = List.of(rewritten, unchanged, plain);
        for (int i = 0; i < 50_000; i++) {
            engine.rewrite(all.get(i % 3), Visibility.ACTIVE);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long sink = 0;
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 300_000; i++) {
            sink += engine.rewrite(all.get(i % 3), Visibility.ACTIVE).sqlFor("").length();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 300,000 hits").isLessThan(4_096);
    }

    @Test
    void aTextSeenTwiceIsCachedAndOneOffTextsAreNot() throws Exception {
        RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);
        String constant = "SELECT * FROM orders WHERE status = 'open'";
        String plain = "SELECT * FROM products WHERE id = ?";
        Rewrite first = engine.rewrite(constant, Visibility.ACTIVE);
        engine.rewrite(plain, Visibility.ACTIVE);
        assertThat(engine.cachedTexts()).as("only the shape").isEqualTo(1);
        Rewrite second = engine.rewrite(constant, Visibility.ACTIVE);
        assertThat(engine.rewrite(plain, Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(engine.cachedTexts()).as("the shape, the constant text, the plain text").isEqualTo(3);
        assertThat(engine.rewrite(constant, Visibility.ACTIVE)).isSameAs(second);
        assertThat(second.sqlFor(constant)).isEqualTo(first.sqlFor(constant))
                .isEqualTo("SELECT * FROM orders WHERE (status = 'open') AND orders.is_deleted = FALSE");
        for (int i = 0; i < 1_000; i++) {
            engine.rewrite("SELECT * FROM orders WHERE status = 'open' AND id = " + i, Visibility.ACTIVE);
            engine.rewrite("SELECT * FROM products WHERE id = " + i, Visibility.ACTIVE);
        }
        assertThat(engine.cachedTexts()).as("one more shape, and no one-off text").isEqualTo(4);
    }

    @Test
    void refusalsAreKeptAndRethrownWithTheirMessage() {
        RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> engine.rewrite("MERGE INTO orders o USING p ON o.id = p.id WHEN MATCHED THEN"
                    + " DELETE", Visibility.ACTIVE))
                    .isInstanceOf(StatementRefusedException.class)
                    .satisfies(e -> messages.add(e.getMessage()));
        }
        assertThat(messages.get(1)).isEqualTo(messages.get(0));
    }

    @Test
    void literalVaryingStatementsShareTheRewriteOfTheirShape() throws Exception {
        RewriteEngine engine = Engines.engine(Dialect.MARIADB);
        for (int i = 0; i < 1_000; i++) {
            String sql = "DELETE FROM customers WHERE id = " + i + " AND name = 'n" + i + "\\'s'";
            Rewrite r = engine.rewrite(sql, Visibility.ACTIVE);
            assertThat(r.sqlFor(sql)).isEqualTo("UPDATE customers SET is_deleted = TRUE, deleted_at = "
                    + Dialect.MARIADB.eventTimestamp() + " WHERE (id = " + i + " AND name = 'n" + i + "\\'s')"
                    + " AND customers.is_deleted = FALSE");
            assertThat(r.deleteEvent()).isTrue();
            assertThat(r.after()).isNotEmpty();
        }
        assertThat(engine.cachedTexts()).as("one shape, not a thousand texts").isEqualTo(1);
    }
}
