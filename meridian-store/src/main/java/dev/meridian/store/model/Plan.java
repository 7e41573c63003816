package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A commercial plan: the defaults of every tenant on it. A tenant overrides a term only where it has its own value
 * ({@link QuotaOverride}, {@link RateLimits}); a change to a plan reaches every other tenant on it.
 *
 * @param monthlyTokens input plus output tokens per calendar month for a tenant
 * @param monthlyCostLimitUsd spend per calendar month for a tenant, in US dollars
 * @param requestsPerMinute request rate for a tenant
 * @param tokensPerMinute token rate for a tenant; null for none
 * @param models public model names and {@code *}-patterns the plan includes; {@code ["*"]} for every model
 */
public record Plan(
        String name,
        long monthlyTokens,
        double monthlyCostLimitUsd,
        long requestsPerMinute,
        Long tokensPerMinute,
        List<String> models,
        Instant createdAt,
        Instant updatedAt) {

    /** The plans every database starts with, seeded by the V7 migration. */
    public static final String BASIC = "basic";

    public static final String PROFESSIONAL = "professional";
    public static final String ENTERPRISE = "enterprise";

    public Plan {
        requireNonNull(name, "name");
        if (monthlyTokens < 0
                || !(monthlyCostLimitUsd >= 0)
                || requestsPerMinute < 0
                || (tokensPerMinute != null && tokensPerMinute < 0)) {
            throw new IllegalArgumentException("plan limits must be non-negative numbers: " + monthlyTokens + ", "
                    + monthlyCostLimitUsd + ", " + requestsPerMinute + ", " + tokensPerMinute);
        }
        models = List.copyOf(requireNonNull(models, "models"));
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
    }

    /** A plan to create or to write over a stored one; its times are assigned by the repository. */
    public static Plan draft(
            String name,
            long monthlyTokens,
            double monthlyCostLimitUsd,
            long requestsPerMinute,
            Long tokensPerMinute,
            List<String> models) {
        return new Plan(
                name,
                monthlyTokens,
                monthlyCostLimitUsd,
                requestsPerMinute,
                tokensPerMinute,
                models,
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
