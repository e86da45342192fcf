package dev.softdelete.clients.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL a client generated, recorded by its own hook (Hibernate's StatementInspector, a jOOQ listener, a MyBatis
 * interceptor), so that a failed comparison shows exactly what the client sent through the driver.
 */
public final class SqlLog {
    private static final List<String> STATEMENTS = new ArrayList<>();

    private SqlLog() {
    }

    public static synchronized void record(String sql) {
        STATEMENTS.add(sql);
    }

    /** The statements recorded since the last call, and forgets them. */
    public static synchronized List<String> drain() {
        List<String> recorded = new ArrayList<>(STATEMENTS);
        STATEMENTS.clear();
        return recorded;
    }
}
