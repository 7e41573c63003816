package dev.meridian.server.config;

import java.time.Duration;

/**
 * Retries of one request (globally under {@code routing.retry}, overridable per model group). Unset values
 * take the global setting, then the default.
 *
 * @param maxAttempts    attempts within one model group, the first included (default 3); fallback groups get
 *                       their own
 * @param initialBackoff the first retry waits a random time up to this (default 100ms), doubling each retry
 * @param maxBackoff     the cap of that doubling (default 5s)
 * @param attemptTimeout how long one attempt may take to start answering: the response for a non-streamed
 *                       call, the first event for a stream (default 60s)
 * @param deadline       how long the gateway keeps trying before it answers with the last error (default 10m)
 * @param maxRetryAfter  the longest provider Retry-After the gateway waits out itself; after a longer one the
 *                       group's fallbacks are tried, and without any the error and its Retry-After go back to
 *                       the caller (default 30s)
 */
public record RetryConfig(
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration attemptTimeout,
        Duration deadline,
        Duration maxRetryAfter) {

    public static RetryConfig defaults() {
        return new RetryConfig(
                3,
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30));
    }

    /** This configuration with every unset value taken from {@code base}. */
    public RetryConfig over(RetryConfig base) {
        if (base == null) {
            return this;
        }
        return new RetryConfig(
                maxAttempts != null ? maxAttempts : base.maxAttempts,
                initialBackoff != null ? initialBackoff : base.initialBackoff,
                maxBackoff != null ? maxBackoff : base.maxBackoff,
                attemptTimeout != null ? attemptTimeout : base.attemptTimeout,
                deadline != null ? deadline : base.deadline,
                maxRetryAfter != null ? maxRetryAfter : base.maxRetryAfter);
    }
}
