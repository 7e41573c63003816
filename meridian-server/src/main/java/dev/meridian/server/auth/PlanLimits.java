package dev.meridian.server.auth;

import dev.meridian.core.budget.Money;
import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Tenant;

/**
 * Resolves a virtual key's {@link CallerLimits}: each term of the tenant's plan unless the tenant overrides it, and
 * the key's own rates on top.
 */
final class PlanLimits {

    private PlanLimits() {}

    static CallerLimits resolve(Plan plan, Tenant tenant, ApiKey key) {
        QuotaOverride quota = tenant.quota();
        RateLimits tenantRates = tenant.rateLimits();
        RateLimits keyRates = key.rateLimits();
        double costUsd = quota.monthlyCostLimitUsd() != null ? quota.monthlyCostLimitUsd() : plan.monthlyCostLimitUsd();
        return new CallerLimits(
                quota.monthlyTokens() != null ? quota.monthlyTokens() : plan.monthlyTokens(),
                nanos(costUsd),
                tenantRates.requestsPerMinute() != null ? tenantRates.requestsPerMinute() : plan.requestsPerMinute(),
                orUnlimited(
                        tenantRates.tokensPerMinute() != null ? tenantRates.tokensPerMinute() : plan.tokensPerMinute()),
                orUnlimited(keyRates.requestsPerMinute()),
                orUnlimited(keyRates.tokensPerMinute()),
                quota.availableModels() != null ? quota.availableModels() : plan.models());
    }

    /** Dollars as nano-dollars; an amount too large to count in a long is no limit at all. */
    private static long nanos(double usd) {
        return usd * Money.NANOS_PER_USD >= CallerLimits.UNLIMITED ? CallerLimits.UNLIMITED : Money.roundNanos(usd);
    }

    private static long orUnlimited(Long limit) {
        return limit == null ? CallerLimits.UNLIMITED : limit;
    }
}
