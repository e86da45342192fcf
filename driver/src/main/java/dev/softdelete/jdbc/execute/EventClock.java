package dev.softdelete.jdbc.execute;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timestamps of delete events: the application's clock in the JVM's time zone, at microsecond precision, strictly
 * increasing within the JVM, so that two DELETE statements never share one even within the same microsecond. Its
 * microseconds are always odd: a delete with nothing around it is timed by the database instead
 * ({@code Dialect.statementTimestamp()}, whose microseconds end in 0), and the two clocks must never give one value.
 */
final class EventClock {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final AtomicLong LAST_MICROS = new AtomicLong();

    private EventClock() {
    }

    /** The next event timestamp, as text every supported database casts to a timestamp. */
    static String next() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long taken = LAST_MICROS.accumulateAndGet(micros, (last, candidate) -> Math.max(last + 2, candidate | 1));
        Instant at = Instant.ofEpochSecond(taken / 1_000_000L, (taken % 1_000_000L) * 1_000L);
        return FORMAT.format(LocalDateTime.ofInstant(at, ZoneId.systemDefault()));
    }
}
