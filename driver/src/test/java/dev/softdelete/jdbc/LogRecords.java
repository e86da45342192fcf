package dev.softdelete.jdbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects the records of one java.util.logging logger at a chosen level while open; restores it on close. */
public final class LogRecords extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords(Logger logger, Level level) {
        this.logger = logger;
        this.previous = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(level);
        logger.addHandler(this);
    }

    /** Starts collecting the records of the logger {@code name} at {@code level} and above. */
    public static LogRecords of(String name, Level level) {
        return new LogRecords(Logger.getLogger(name), level);
    }

    public List<LogRecord> records() {
        return records;
    }

    /** The messages of the records at {@code level}. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
