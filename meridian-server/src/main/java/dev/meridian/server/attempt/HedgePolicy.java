package dev.meridian.server.attempt;

import dev.meridian.core.routing.Deployment;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;

/**
 * When to race a second deployment against a first attempt that has not started answering: for groups with
 * hedging on, after the configured delay, or else the first deployment's p95 time to first token (from at least
 * 20 samples), or else the configured fallback delay. At most one hedge per request. Stateless.
 */
final class HedgePolicy {

    boolean enabled(ModelGroup group) {
        return group.hedging().enabled();
    }

    long delayMillis(ModelGroup group, Deployment<Route> first) {
        if (group.hedging().delay() != null) {
            return Math.max(1, group.hedging().delay().toMillis());
        }
        long p95 = first.timeToFirstToken().p95Nanos(20);
        return p95 > 0
                ? Math.max(1, p95 / 1_000_000L)
                : Math.max(1, group.hedging().fallbackDelay().toMillis());
    }
}
