package dev.meridian.server.alerts;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try an alert (or an audit batch, {@code audit.webhook}) again: 1 s after the first failure, doubling to at most 10 minutes, each delay jittered to
 * between 80 % and 120 % so that the alerts of one outage do not retry in step. There is no last attempt.
 */
public final class AlertBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(10);

    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public AlertBackoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The delay after the {@code failures}-th failed attempt (1 for the first). */
    public Duration after(int failures) {
        long millis = FIRST.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        millis = Math.min(millis, MAX.toMillis());
        double jitter = 0.8 + 0.4 * random.getAsDouble();
        return Duration.ofMillis(Math.min((long) (millis * jitter), MAX.toMillis()));
    }
}
