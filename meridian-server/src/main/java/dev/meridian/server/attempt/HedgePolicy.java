package dev.meridian.server.attempt;

import dev.meridian.core.routing.Deployment;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RoutingMetrics;
import io.vertx.core.Vertx;

/**
 * When to race a second deployment against a first attempt that has not started answering: for groups with
 * hedging on, after the configured delay, or else the first deployment's p95 time to first token (from at least
 * 20 samples), or else the configured fallback delay. At most one hedge per request. One per request; confined to
 * its event loop.
 */
final class HedgePolicy {

    private final Vertx vertx;
    private final RoutingMetrics metrics;
    private long timer = -1;
    private boolean hedged;

    HedgePolicy(Vertx vertx, RoutingMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /** After the first call of a group started: arms the timer that will {@code fire} the hedge, if it may. */
    void arm(ModelGroup group, Deployment<Route> first, int running, Runnable fire) {
        if (group.hedging().enabled() && !hedged && running == 1 && timer < 0) {
            timer = vertx.setTimer(delayMillis(group, first), id -> {
                timer = -1;
                fire.run();
            });
        }
    }

    /** Whether the group still allows the hedge now that the timer fired (one hedge per request at most). */
    boolean allowed(ModelGroup group) {
        return group.hedging().enabled() && !hedged;
    }

    /** The hedge is decided on (it may still be refused by a hook): no other will be. */
    void begin() {
        hedged = true;
    }

    /** The hedge's call was sent. */
    void sent() {
        metrics.hedge("started");
    }

    /** An attempt won: counts how the race ended, {@code losers} being the attempts cancelled. */
    void decided(boolean wonByHedge, int losers) {
        if (!hedged) {
            return;
        }
        for (int i = 0; i < losers; i++) {
            metrics.hedge("lost");
        }
        metrics.hedge(wonByHedge ? "won_by_hedge" : "won_by_first");
    }

    /** The request moved on: a pending hedge will not start. */
    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private static long delayMillis(ModelGroup group, Deployment<Route> first) {
        if (group.hedging().delay() != null) {
            return Math.max(1, group.hedging().delay().toMillis());
        }
        long p95 = first.timeToFirstToken().p95Nanos(20);
        return p95 > 0
                ? Math.max(1, p95 / 1_000_000L)
                : Math.max(1, group.hedging().fallbackDelay().toMillis());
    }
}
