package dev.meridian.server.attempt;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.PromptPrefix;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.PrefixAffinity;
import dev.meridian.core.routing.Strategy;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RouteTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which deployment of a group one request tries next: only those its residency rule allows; first the available
 * ones not tried yet, in the group strategy's order (for a group using the provider's prompt cache, a request with a
 * long stable prefix prefers that prefix's deployment, {@link PrefixAffinity}); for a retry, any whose circuit lets traffic through, the
 * one free soonest (healthy ones first). Remembers what it saw, to say why nothing answered. One per request.
 */
final class Candidates {

    private final RouteTable table;
    private final RequestContext ctx;
    private final Strategy.Hints hints;
    /** Deployments tried in the current group (compared by identity; a handful at most). */
    private final List<Deployment<Route>> tried = new ArrayList<>(2);

    private boolean sawCandidate;
    private boolean sawCompliant;

    Candidates(RouteTable table, RequestContext ctx) {
        this.table = table;
        this.ctx = ctx;
        long input = ctx.body() == null ? 0 : ctx.body().length / 4;
        this.hints = new Strategy.Hints(ctx.plan().location(), table.regions(), input, table.assumedOutputTokens());
    }

    /** The best available deployment of {@code group} not tried yet, or null. */
    Deployment<Route> fresh(ModelGroup group, long now) {
        List<Deployment<Route>> usable = allowed(group, d -> !tried.contains(d) && d.available(now));
        if (usable.isEmpty()) {
            return null;
        }
        group.strategy().order(usable, hints, now);
        PromptPrefix prefix = PromptCacheHints.prefix(ctx, usable.get(0).target());
        if (prefix != null) {
            // The provider's prompt cache lives per deployment: the same prefix goes where it went before.
            PrefixAffinity.preferFirst(usable, prefix.fingerprint());
        }
        return usable.get(0);
    }

    /** The deployment to retry: any whose circuit allows traffic, the one free soonest, healthy first; or null. */
    Deployment<Route> again(ModelGroup group, long now) {
        List<Deployment<Route>> usable = allowed(group, d -> d.breaker().allowsTraffic(now));
        if (usable.isEmpty()) {
            return null;
        }
        usable.sort(Comparator.<Deployment<Route>>comparingInt(d -> d.health().healthy() ? 0 : 1)
                .thenComparingLong(d -> d.backOffRemaining(now)));
        return usable.get(0);
    }

    void tried(Deployment<Route> deployment) {
        tried.add(deployment);
    }

    /** Whether this request already called {@code deployment} in the current group: calling it again is a retry. */
    boolean triedBefore(Deployment<Route> deployment) {
        return tried.contains(deployment);
    }

    /** A fallback moved to another group: nothing of it was tried yet. */
    void newGroup() {
        tried.clear();
    }

    /** Why nothing answered when no call failed: residency, the deadline, or nothing usable. */
    GatewayException noneAnswered(long deadline) {
        if (sawCandidate && !sawCompliant) {
            return GatewayException.builder(
                            ErrorCode.RESIDENCY_VIOLATION,
                            "No deployment of model `" + ctx.model()
                                    + "` processes data where the residency rule '" + ctx.residencyRule()
                                    + "' allows; the request was not sent.")
                    .build();
        }
        if (System.nanoTime() - deadline >= 0) {
            return GatewayException.builder(
                            ErrorCode.UPSTREAM_TIMEOUT,
                            "No deployment of model `" + ctx.model() + "` answered within the request deadline.")
                    .build();
        }
        return GatewayException.builder(
                        ErrorCode.NO_AVAILABLE_DEPLOYMENT,
                        "Every deployment of model `" + ctx.model()
                                + "` is failing, unhealthy or backing off; retry shortly.")
                .retryAfter("1")
                .build();
    }

    private List<Deployment<Route>> allowed(ModelGroup group, java.util.function.Predicate<Deployment<Route>> usable) {
        String rule = ctx.residencyRule();
        List<Deployment<Route>> out = new ArrayList<>(group.deployments().size());
        for (Deployment<Route> d : group.deployments()) {
            sawCandidate = true;
            if (rule != null && !table.residency().allows(rule, d.country())) {
                continue;
            }
            sawCompliant = true;
            if (usable.test(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
