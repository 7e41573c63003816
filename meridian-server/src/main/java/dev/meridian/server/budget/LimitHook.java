package dev.meridian.server.budget;

import dev.meridian.core.budget.Money;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import dev.meridian.server.attempt.AttemptHook;
import dev.meridian.server.auth.CallerLimits;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.RateLimits;
import dev.meridian.server.limits.Verdict;
import dev.meridian.server.pipeline.RequestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Before each call to a deployment, reserves on every meter that applies to the caller (its budgets, its plan's
 * monthly cost and tokens, its key's and tenant's request and token rates) in one all-or-nothing reservation, and
 * refuses the call when one has no room: 429 {@code budget_exceeded}, {@code quota_exceeded} or
 * {@code rate_limit_exceeded} (with Retry-After). After the call, settles each claim to what the call really used.
 *
 * <p>Money claims reserve the call's maximum possible cost ({@link CostEstimate}), so budgets and the plan's cost
 * limit are never overspent; token claims reserve an estimate (a token per four body bytes plus the requested
 * output) and settle to the real usage, as OpenAI's own token limits do. A call that ended without usage used
 * nothing, as in the request log, so what a restart reads back from the log is what was counted here.
 */
final class LimitHook implements AttemptHook {

    private static final Future<Void> ALLOWED = Future.succeededFuture();
    /** How long a call's reservation is held if it never settles (a replica that died mid-call). */
    private static final long HOLD_MILLIS = 15 * 60_000;

    /** What one call holds: identity of its {@link AttemptInfo}, never equality (a retry has equal fields). */
    private record CallKey(AttemptInfo info) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey k && k.info == info;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(info);
        }
    }

    private record Held(String callId, CallClaims claims) {}

    private final BudgetBook book;
    private final Future<Void> loaded;
    private final LimitStore store;
    private final Thresholds thresholds;
    private final Map<CallKey, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    LimitHook(BudgetBook book, Future<Void> loaded, LimitStore store, Thresholds thresholds) {
        this.book = book;
        this.loaded = loaded;
        this.store = store;
        this.thresholds = thresholds;
    }

    @Override
    public Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
        if (!loaded.succeeded()) {
            return loaded.compose(v -> before(ctx, attempt));
        }
        Principal p = ctx.principal();
        if (p == null) {
            return ALLOWED;
        }
        List<BudgetBook.Live> budgets = book.applicable(p);
        if (budgets.isEmpty() && p.limits() == CallerLimits.NONE) {
            return ALLOWED;
        }
        long cost;
        try {
            cost = CostEstimate.maxNanosOfBody(ctx.inbound().canonical(), bodyBytes(ctx), attempt.pricing());
        } catch (GatewayException e) {
            return Future.failedFuture(e);
        }
        long tokens = CostEstimate.tokenEstimate(ctx.inbound().canonical(), bodyBytes(ctx));
        boolean firstCall = ctx.rateLimits() == null;
        CallClaims claims = CallClaims.of(p, budgets, cost, tokens, firstCall);
        if (firstCall) {
            ctx.rateLimits(RateLimits.NONE);
        }
        if (claims.isEmpty()) {
            return ALLOWED;
        }
        String callId = ctx.requestId() + "." + calls.incrementAndGet();
        return store.reserve(callId, claims.claims, HOLD_MILLIS)
                .recover(e -> Future.failedFuture(GatewayException.builder(
                                ErrorCode.DATABASE_UNAVAILABLE,
                                "The request's budgets and quotas could not be checked. Retry shortly.")
                        .retryAfter("1")
                        .cause(e)
                        .build()))
                .compose(verdict -> {
                    if (!verdict.rates().isEmpty()) {
                        ctx.rateLimits(RateLimits.of(verdict.rates(), ctx.rateLimits()));
                    }
                    if (!verdict.ok()) {
                        Meter refused = claims.claims.get(verdict.refused()).meter();
                        if (refused.kind() == Meter.Kind.RATE) {
                            // As OpenAI does: the refusal says the limit, nothing left, and when it will fit.
                            ctx.rateLimits(RateLimits.of(
                                    List.of(new Verdict.RateState(refused, 0, verdict.waitMillis())),
                                    ctx.rateLimits()));
                        }
                        return Future.failedFuture(Refusals.of(claims, verdict));
                    }
                    held.put(new CallKey(attempt), new Held(callId, claims));
                    return ALLOWED;
                });
    }

    @Override
    public void after(RequestContext ctx, AttemptInfo attempt, Result result, Usage usage, GatewayException error) {
        Held h = held.remove(new CallKey(attempt));
        if (h == null) {
            return;
        }
        long cost = usage == null || attempt.pricing().price() == null
                ? 0
                : Money.roundNanos(attempt.pricing().price().cost(usage));
        long tokens = usage == null ? 0 : usage.totalTokens();
        long[] used = h.claims().used(cost, tokens);
        store.settle(h.callId(), h.claims().claims, used).onSuccess(before -> {
            if (cost > 0) {
                for (int i = 0; i < before.length; i++) {
                    BudgetBook.Live b = h.claims().budgets.get(i);
                    if (b != null) {
                        thresholds.announce(b, before[i], before[i] + cost);
                    }
                }
            }
        });
    }

    /** Calls holding a reservation now (for tests: zero once every request ended). */
    int holding() {
        return held.size();
    }

    static long bodyBytes(RequestContext ctx) {
        return ctx.body() == null ? 0 : ctx.body().length;
    }

    /** A budget's spend moved: tells its alerts of the fractions it passed. */
    interface Thresholds {
        void announce(BudgetBook.Live budget, long before, long after);
    }
}
