package dev.meridian.core.routing;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retry number {@code n}: exponential backoff with full jitter (a uniform wait
 * between 0 and {@code min(max, initial * 2^(n-1))}, as in "Exponential Backoff And Jitter", AWS
 * Architecture Blog), never less than what the provider asked for in {@code Retry-After}.
 */
public record Backoff(Duration initial, Duration max) {

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /**
     * @param retry      1 for the first retry, 2 for the second...
     * @param retryAfter the provider's {@code Retry-After} (seconds or an HTTP date), or null
     * @return the wait in milliseconds
     */
    public long delayMillis(int retry, String retryAfter, long nowEpochMillis) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(Math.max(retry - 1, 0), 30));
        long jittered = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        return Math.max(jittered, retryAfterMillis(retryAfter, nowEpochMillis));
    }

    /** {@code Retry-After} as milliseconds from now: delta-seconds (fractions accepted) or an HTTP date; 0 if absent or unreadable. */
    public static long retryAfterMillis(String retryAfter, long nowEpochMillis) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return 0;
        }
        String v = retryAfter.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds > 0 && seconds < 1e9 ? (long) Math.ceil(seconds * 1000) : 0;
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
                return Math.max(0, at - nowEpochMillis);
            } catch (DateTimeParseException notDate) {
                return 0;
            }
        }
    }
}
