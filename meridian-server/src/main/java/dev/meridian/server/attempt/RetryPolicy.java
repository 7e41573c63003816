package dev.meridian.server.attempt;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.routing.Backoff;
import dev.meridian.core.routing.Deployment;
import dev.meridian.server.config.RetryConfig;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;

/**
 * When to call again within a model group: at most {@code maxAttempts} calls per group; a failed deployment is
 * left for another at once, and the same one is retried only after exponential back-off with full jitter, or
 * after what its provider asked for ({@code Retry-After}) when that is longer, but never longer than
 * {@code maxRetryAfter} or the request's deadline. A deployment the request has not called yet gets no
 * back-off, even when none is available. Stateless.
 */
final class RetryPolicy {

    /** The longest a 429's Retry-After takes a deployment out of rotation. */
    static final long MAX_BACK_OFF_MILLIS = 10 * 60 * 1000L;

    /** What to do about an already-tried deployment: wait this long, or give the decision back to the caller. */
    static final long GIVE_UP = -1;

    boolean mayAttempt(ModelGroup group, int attemptsInGroup) {
        return attemptsInGroup < group.retry().maxAttempts();
    }

    /**
     * Milliseconds to wait before calling {@code deployment} although it is not available, or {@link #GIVE_UP}
     * when its provider asks for longer than the gateway will hold the caller, or the wait would pass the
     * deadline. The back-off applies only to a retry ({@code triedBefore}: this request already called it); the
     * first call of one that is merely unavailable (unhealthy, full) waits only for what its provider asked.
     */
    long retryDelayMillis(
            ModelGroup group,
            int attemptsInGroup,
            Deployment<Route> deployment,
            boolean triedBefore,
            long now,
            long deadline) {
        RetryConfig retry = group.retry();
        // This deployment's own back-off holds what its provider asked for (429 Retry-After).
        long askedMillis = deployment.backOffRemaining(now) / 1_000_000L;
        long backoffMillis = triedBefore
                ? new Backoff(retry.initialBackoff(), retry.maxBackoff())
                        .delayMillis(attemptsInGroup, null, System.currentTimeMillis())
                : 0;
        long waitMillis = Math.max(backoffMillis, askedMillis);
        if (askedMillis > retry.maxRetryAfter().toMillis() || now + waitMillis * 1_000_000L - deadline >= 0) {
            return GIVE_UP;
        }
        return waitMillis;
    }

    /**
     * How long a rate-limited deployment stays out of rotation: what its provider asked for, 1 s when it did not
     * say, bounded (a provider, or a proxy, asking for a day must not take the deployment out for a day).
     */
    long rateLimitBackOffMillis(GatewayException e) {
        long asked = Backoff.retryAfterMillis(e.retryAfter(), System.currentTimeMillis());
        return Math.min(asked > 0 ? asked : 1000, MAX_BACK_OFF_MILLIS);
    }
}
