package dev.meridian.server.journal;

import dev.meridian.core.model.Usage;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.CacheUse;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Timings;
import dev.meridian.store.model.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A finished request's record, built from its context: what the request log journals and stores. */
final class RequestRecords {

    private RequestRecords() {}

    /**
     * What the request cost: the served answer's cost plus what its other attempts spent; null when neither is
     * known (unpriced, or nothing spent).
     */
    static Double total(Double served, double attempts) {
        if (attempts == 0) {
            return served;
        }
        return served == null ? attempts : served + attempts;
    }

    static RequestRecord of(RequestContext ctx) {
        Principal p = ctx.principal();
        RequestContext.Outcome outcome = ctx.outcome();
        RequestContext.Served served = ctx.served();
        RoutingTrace trace = ctx.trace();
        Timings t = ctx.timings();
        Usage u = outcome.usage();
        long total = t.end() - t.start();
        Instant ts = Instant.now().minusNanos(total);
        Double upstream =
                t.upstreamSent() > 0 && t.upstreamAnswer() > 0 ? millis(t.upstreamAnswer() - t.upstreamSent()) : null;
        Double ttft = t.firstToken() > 0 ? millis(t.firstToken() - t.start()) : null;
        CacheUse cache = ctx.cache();
        boolean hit = cache != null && cache.hit();
        // A hit cost nothing upstream; what its answer had cost is what it saved.
        Double cost = hit ? Double.valueOf(0) : total(served == null ? null : served.cost(u), ctx.attemptSpendUsd());
        boolean bodies = p != null && p.storeBodies();
        byte[] body = ctx.pii().redacted(ctx.body()); // masked when the tenant's PII policy masked the request
        return new RequestRecord(
                ctx.requestId(),
                ts,
                p == null ? null : p.tenantId(),
                p == null ? null : p.loggedKeyId(),
                p == null ? null : p.userId(),
                ctx.model(),
                outcome.servedModel(),
                served == null ? null : served.deployment(),
                served == null ? null : served.route().provider().name(),
                served == null ? null : served.region(),
                outcome.status(),
                outcome.error() == null ? null : outcome.error().code().openAiCode(),
                millis(total),
                upstream,
                ttft,
                u == null ? 0 : u.inputTokens(),
                u == null ? 0 : u.outputTokens(),
                u == null ? 0 : u.cachedInputTokens(),
                u == null ? 0 : u.reasoningTokens(),
                cost,
                hit,
                trace == null ? 0 : trace.attempts(),
                trace == null ? 0 : trace.fallbacks(),
                bodies && body != null ? new String(body, StandardCharsets.UTF_8) : null,
                bodies ? ctx.pii().redacted(outcome.completion()) : null,
                outcome.usageEstimated(),
                ctx.billed(cost),
                PromptFingerprint.of(body),
                u == null ? 0 : u.cacheWriteTokens(),
                // A hit read nothing from the provider's prompt cache: its answer's reads saved once, upstream.
                hit ? Double.valueOf(0) : promptCacheSaving(served, u),
                cache == null ? null : cache.status().header(),
                hit ? Double.valueOf(cache.savedUsd()) : null,
                ctx.piiDetections().json());
    }

    /** What the served answer's prompt-cache reads saved; null when unpriced, 0 without reads. */
    private static Double promptCacheSaving(RequestContext.Served served, Usage u) {
        if (u == null || u.cachedInputTokens() <= 0) {
            return u == null ? null : 0.0;
        }
        ModelPrice price = served == null ? null : served.route().pricing().price();
        return price == null ? null : price.cacheReadSaving(u);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
