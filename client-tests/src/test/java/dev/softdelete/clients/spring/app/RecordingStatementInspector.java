package dev.softdelete.clients.spring.app;

import dev.softdelete.clients.support.SqlLog;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Named in {@code spring.jpa.properties}: records the SQL Hibernate sends, for failure messages. */
public class RecordingStatementInspector implements StatementInspector {
    @Override
    public String inspect(String sql) {
        SqlLog.record(sql);
        return sql;
    }
}
