package dev.meridian.core.routing;

import java.time.Duration;

/**
 * When a deployment's circuit opens and for how long.
 *
 * @param consecutiveFailures open after this many failures in a row
 * @param errorRate           or when the failure fraction over {@code window} reaches this (0..1)
 * @param minRequests         ...counting only once the window holds at least this many outcomes
 * @param window              the sliding window for the error rate
 * @param cooldown            how long an open circuit refuses traffic before a half-open probe
 */
public record BreakerPolicy(
        int consecutiveFailures, double errorRate, int minRequests, Duration window, Duration cooldown) {

    public BreakerPolicy {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1");
        }
        if (!(errorRate > 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be in (0, 1]");
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("minRequests must be at least 1");
        }
    }

    public static BreakerPolicy defaults() {
        return new BreakerPolicy(5, 0.5, 20, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
