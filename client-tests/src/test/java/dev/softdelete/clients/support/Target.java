package dev.softdelete.clients.support;

import java.util.Objects;

/**
 * One database server the client tests run on: the parameter of every class annotated {@link OnEachTarget}. Where
 * the server comes from (an environment variable, a container) is decided by {@link DatabaseSelection}; reaching it
 * happens on first use, once, and a server that cannot be had makes each test that asks for it skip with the reason,
 * or fail under {@code SOFTDELETE_IT_REQUIRED=true}.
 */
public final class Target {
    /** How a target becomes a reachable server. */
    @FunctionalInterface
    public interface Resolver {
        /** The server's engine and a raw JDBC URL of one of its databases; throws with a readable message if none. */
        Reached reach() throws Exception;
    }

    /** A reachable server: its engine and a raw JDBC URL (a user that may create databases). */
    public static final class Reached {
        private final Engine engine;
        private final String rawUrl;

        public Reached(Engine engine, String rawUrl) {
            this.engine = Objects.requireNonNull(engine);
            this.rawUrl = Objects.requireNonNull(rawUrl);
        }

        public Engine engine() {
            return engine;
        }

        public String rawUrl() {
            return rawUrl;
        }
    }

    /** The origin of the targets of {@link DatabaseSelection.Source#NONE}. */
    static final String NOWHERE = "no database";

    private final String label;
    private final String origin;
    private final Resolver resolver;
    private Reached reached;
    private String problem;
    private boolean tried;

    Target(String label, String origin, Resolver resolver) {
        this.label = label;
        this.origin = origin;
        this.resolver = resolver;
    }

    /** A target that can never be reached, for the reason given. */
    static Target unavailable(String label, String origin, String reason) {
        return new Target(label, origin, () -> {
            throw new IllegalStateException(reason);
        });
    }

    /** Where the server comes from, e.g. {@code SOFTDELETE_IT_POSTGRES_URL} or {@code Testcontainers postgres:17}. */
    public String origin() {
        return origin;
    }

    /** Reaches the server now if it was not tried yet; false (and the reason kept) if it cannot be reached. */
    public synchronized boolean tryReach() {
        if (!tried) {
            tried = true;
            try {
                reached = resolver.reach();
            } catch (Exception e) {
                problem = e.getMessage() != null ? e.getMessage() : e.toString();
            }
        }
        return reached != null;
    }

    /** Why the server cannot be reached (after {@link #tryReach()} returned false), else null. */
    public synchronized String problem() {
        tryReach();
        return problem;
    }

    /** The reached server, or skips/fails the current test with the reason it cannot be reached. */
    public Reached reached() {
        if (!tryReach()) {
            // Without any database every target has the same reason: one line in the log, not one per target.
            throw Prerequisites.unmet(origin.equals(NOWHERE) ? problem : label + " (" + origin + "): " + problem);
        }
        return reached;
    }

    /** The server's engine; see {@link #reached()}. */
    public Engine engine() {
        return reached().engine();
    }

    /** A raw JDBC URL of the server; see {@link #reached()}. */
    public String rawUrl() {
        return reached().rawUrl();
    }

    /** The engine's name once the server is reached (a MySQL URL may lead to MariaDB), else the label it was given. */
    @Override
    public synchronized String toString() {
        return reached != null ? reached.engine().toString() : label;
    }
}
