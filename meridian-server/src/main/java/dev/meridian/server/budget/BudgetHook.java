package dev.meridian.server.budget;

import dev.meridian.core.budget.Money;
import dev.meridian.core.budget.SpendCounter;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import dev.meridian.server.attempt.AttemptHook;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.store.model.Budget;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reserves each call's maximum possible cost on every budget that applies to the caller before the call is sent,
 * and refuses the call with 429 {@code budget_exceeded} when one has no room; settles each reservation to the
 * call's real cost when it ends. A budget's {@code downgrade} was decided before routing ({@link BudgetDowngrade});
 * here every budget refuses what does not fit, so the limit holds whatever raced in between.
 *
 * <p>Real cost: the usage the call reported (or the gateway estimated for a cut stream) at the deployment's price.
 * A call that ended without usage (failed, or cancelled before its answer) adds nothing, as in the request log, so
 * the spend a restart reads back from the log is the spend counted here.
 *
 * <p>Runs on event loops; holds each budget's monitor for a few additions, never blocks. Until the budgets are
 * loaded at start, calls wait for them (within the request's deadline).
 */
final class BudgetHook implements AttemptHook {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BudgetHook.class);

    private static final Future<Void> ALLOWED = Future.succeededFuture();

    /** What one call holds: identity of its {@link AttemptInfo}, never equality (a retry has equal fields). */
    private static final class CallKey {
        private final AttemptInfo info;

        CallKey(AttemptInfo info) {
            this.info = info;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey k && k.info == info;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(info);
        }
    }

    private record Held(List<BudgetBook.Live> budgets, long amount) {}

    private final BudgetBook book;
    private final Future<Void> loaded;
    private final Clock clock;
    private final ThresholdListener thresholds;
    private final Map<CallKey, Held> held = new ConcurrentHashMap<>();

    BudgetHook(BudgetBook book, Future<Void> loaded, Clock clock, ThresholdListener thresholds) {
        this.thresholds = thresholds;
        this.book = book;
        this.loaded = loaded;
        this.clock = clock;
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
        if (budgets.isEmpty()) {
            return ALLOWED;
        }
        long amount;
        try {
            amount = CostEstimate.maxNanosOfBody(ctx.inbound().canonical(), bodyBytes(ctx), attempt.pricing());
        } catch (GatewayException e) {
            return Future.failedFuture(e);
        }
        if (amount == 0) {
            return ALLOWED; // an unpriced deployment: served at $0, it cannot overspend
        }
        long now = clock.millis();
        for (int i = 0; i < budgets.size(); i++) {
            BudgetBook.Live b = budgets.get(i);
            if (!b.counter().tryReserve(amount, now)) {
                for (int j = 0; j < i; j++) {
                    budgets.get(j).counter().settle(amount, 0, now);
                }
                return Future.failedFuture(exceeded(b, amount, now));
            }
        }
        held.put(new CallKey(attempt), new Held(budgets, amount));
        return ALLOWED;
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
        long now = clock.millis();
        for (BudgetBook.Live b : h.budgets()) {
            long before = b.counter().settle(h.amount(), cost, now);
            if (cost > 0) {
                announceCrossings(b, before, before + cost, now);
            }
        }
    }

    /** Tells the listener of every alert fraction the spend passed from {@code before} to {@code after}. */
    private void announceCrossings(BudgetBook.Live b, long before, long after, long now) {
        SpendCounter.Snapshot s = b.counter().snapshot(now);
        for (double fraction : b.budget().alertAt()) {
            long threshold = (long) Math.ceil(fraction * s.limit());
            if (before < threshold && after >= threshold) {
                try {
                    thresholds.crossed(b.budget(), s.window().start(), fraction, after, s.limit());
                } catch (RuntimeException e) {
                    LOG.error(
                            "the alert of budget {} at {} could not be raised",
                            b.budget().id(),
                            fraction,
                            e);
                }
            }
        }
    }

    /** Calls holding a reservation now (for tests: zero once every request ended). */
    int holding() {
        return held.size();
    }

    static GatewayException exceeded(BudgetBook.Live live, long amount, long now) {
        Budget b = live.budget();
        SpendCounter.Snapshot s = live.counter().snapshot(now);
        String resets = s.window().end() == null
                ? "it does not reset"
                : "it resets at " + s.window().end();
        return GatewayException.of(
                ErrorCode.BUDGET_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "Budget %s (%s %s, %s) has $%.6f of its $%.2f left, and this request may cost up to $%.6f;"
                                + " %s.",
                        b.id(),
                        b.scope().name().toLowerCase(Locale.ROOT),
                        b.scopeId(),
                        b.period().toLowerCase(Locale.ROOT),
                        Money.usd(s.remaining()),
                        b.limitUsd(),
                        Money.usd(amount),
                        resets));
    }

    static long bodyBytes(RequestContext ctx) {
        return ctx.body() == null ? 0 : ctx.body().length;
    }
}
