package dev.softdelete.clients.support;

import java.util.stream.Stream;

/** The selection of this run, made once: the argument source of {@link OnEachTarget}. */
public final class Targets {
    private static DatabaseSelection current;

    private Targets() {
    }

    /** The selection from the real environment, Docker and servers; prints where the databases come from. */
    public static synchronized DatabaseSelection current() {
        if (current == null) {
            current = DatabaseSelection.select(System::getenv, TestcontainersDatabases::dockerAvailable,
                    TestcontainersDatabases::start, JdbcServers::probe);
            if (current.source() != DatabaseSelection.Source.NONE) {
                Prerequisites.announce(current.notice());
            } // else each test reports the notice as its reason to skip (or fail), printed once
            if (current.source() == DatabaseSelection.Source.SERVERS) {
                // Servers are cheap to reach, and reaching them names MariaDB or MySQL in the test names.
                current.targets().forEach(Target::tryReach);
            }
        }
        return current;
    }

    /** Referenced by {@link OnEachTarget}'s {@code @MethodSource}. */
    public static Stream<Target> all() {
        return current().targets().stream();
    }
}
