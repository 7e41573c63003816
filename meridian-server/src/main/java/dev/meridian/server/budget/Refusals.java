package dev.meridian.server.budget;

import dev.meridian.core.budget.Money;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Verdict;
import dev.meridian.store.model.Budget;
import java.time.Instant;
import java.util.Locale;

/** The error a refused reservation answers with, worded for the meter that had no room. */
final class Refusals {

    private Refusals() {}

    static GatewayException of(CallClaims claims, Verdict verdict) {
        int i = verdict.refused();
        Meter.Claim claim = claims.claims.get(i);
        Meter m = claim.meter();
        String resets = verdict.waitMillis() < 0
                ? "it does not reset"
                : "it resets at " + Instant.now().plusMillis(verdict.waitMillis());
        return switch (claims.purposes.get(i)) {
            case BUDGET -> budget(claims.budgets.get(i).budget(), claim, resets);
            case PLAN_COST ->
                GatewayException.of(
                        ErrorCode.QUOTA_EXCEEDED,
                        String.format(
                                Locale.ROOT,
                                "The plan's monthly cost limit of $%.2f has no room for this request's maximum cost of"
                                        + " $%.6f; %s.",
                                Money.usd(m.limit()),
                                Money.usd(claim.amount()),
                                resets));
            case PLAN_TOKENS ->
                GatewayException.of(
                        ErrorCode.QUOTA_EXCEEDED,
                        "The plan's monthly quota of " + m.limit() + " tokens has no room for this request's estimated "
                                + claim.amount() + " tokens; " + resets + ".");
            case REQUESTS, TOKENS -> rate(claims.purposes.get(i), m, verdict.waitMillis());
        };
    }

    private static GatewayException budget(Budget b, Meter.Claim claim, String resets) {
        return GatewayException.of(
                ErrorCode.BUDGET_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "Budget %s (%s %s, %s) of $%.2f has no room for this request's maximum cost of $%.6f; %s.",
                        b.id(),
                        b.scope().name().toLowerCase(Locale.ROOT),
                        b.scopeId(),
                        b.period().toLowerCase(Locale.ROOT),
                        b.limitUsd(),
                        Money.usd(claim.amount()),
                        resets));
    }

    private static GatewayException rate(CallClaims.Purpose purpose, Meter m, long waitMillis) {
        String unit = purpose == CallClaims.Purpose.REQUESTS ? "requests" : "tokens";
        String whose = m.id().contains(":key:") ? "this key" : "this tenant";
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return GatewayException.builder(
                        ErrorCode.RATE_LIMITED,
                        "Rate limit reached for " + whose + ": " + m.limit() + " " + unit + " per minute. Retry after "
                                + seconds + " s.")
                .retryAfter(Long.toString(seconds))
                .build();
    }
}
