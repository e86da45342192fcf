package dev.softdelete.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instant before which {@code purge} removes soft-deleted rows, from {@code --older-than <age>} or
 * {@code --before <timestamp>}. An age is {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w} or ISO-8601
 * ({@code PT2H}, {@code P90D}); a timestamp is ISO-8601 with an offset ({@code 2024-01-31T00:00:00Z}) or without
 * one, then in this JVM's time zone as the driver writes timestamps ({@code 2024-01-31T12:00}, {@code 2024-01-31}).
 */
final class PurgeCutoff {
    private static final Pattern SHORT_AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    private PurgeCutoff() {
    }

    /** Exactly one of the two must be given. */
    static Instant of(String olderThan, String before, Instant now, ZoneId zone) throws UsageException {
        if ((olderThan == null) == (before == null)) {
            throw new UsageException("give exactly one of --older-than and --before");
        }
        return olderThan != null ? now.minus(age(olderThan)) : instant(before, zone);
    }

    /** Parses an age; it must be positive. */
    static Duration age(String text) throws UsageException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration age;
        Matcher m = SHORT_AGE.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "s":
                        age = Duration.ofSeconds(n);
                        break;
                    case "m":
                        age = Duration.ofMinutes(n);
                        break;
                    case "h":
                        age = Duration.ofHours(n);
                        break;
                    case "d":
                        age = Duration.ofDays(n);
                        break;
                    default:
                        age = Duration.ofDays(7 * n);
                        break;
                }
            } else {
                age = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new UsageException("--older-than needs an age like 90d, 12h, 30m or PT2H, not '" + text + "'");
        }
        if (age.isNegative() || age.isZero()) {
            throw new UsageException("--older-than needs a positive age, not '" + text + "'");
        }
        return age;
    }

    /** Parses a timestamp; without an offset it is local time in {@code zone}. */
    static Instant instant(String text, ZoneId zone) throws UsageException {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new UsageException("--before needs an ISO timestamp like 2024-01-31T00:00:00Z, 2024-01-31T12:00"
                + " or 2024-01-31, not '" + text + "'");
        }
    }
}
