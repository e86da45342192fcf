package dev.softdelete.jdbc.rewrite;

/**
 * What the engine reports about its own work, for metrics: answers from its cache, and the time each statement it
 * had to parse took. Called on the calling thread, so an implementation must be cheap and must not throw.
 */
public interface RewriteListener {
    /** A listener that ignores everything. */
    RewriteListener NONE = new RewriteListener() {
        @Override
        public void cacheHit() {
        }

        @Override
        public void parsed(long nanos) {
        }
    };

    /** A statement was answered from the cache, by its text or by its literal-free shape, without a parse. */
    void cacheHit();

    /**
     * The engine parsed and planned a statement (a cache miss), taking {@code nanos}, whether that ended in a
     * rewrite, a refusal or a parse over its budget.
     */
    void parsed(long nanos);
}
