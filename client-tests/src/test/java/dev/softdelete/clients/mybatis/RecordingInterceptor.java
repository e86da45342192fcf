package dev.softdelete.clients.mybatis;

import dev.softdelete.clients.support.SqlLog;
import java.sql.Connection;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;

/** A MyBatis plugin that records each statement's SQL, as generated from the mapper XML, in {@link SqlLog}. */
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
public class RecordingInterceptor implements Interceptor {
    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        StatementHandler handler = (StatementHandler) invocation.getTarget();
        SqlLog.record(handler.getBoundSql().getSql().replaceAll("\\s+", " ").trim());
        return invocation.proceed();
    }
}
