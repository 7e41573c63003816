package dev.meridian.server.auth;

import java.util.List;

/**
 * What a caller may consume, resolved when its key is loaded: its tenant's plan (monthly tokens and cost, the
 * models it includes), the tenant's request and token rates (the plan's, unless the tenant has its own), and the
 * key's own rates. Every number is a limit, or {@link #UNLIMITED} for none; a limit of 0 admits nothing.
 *
 * @param monthlyTokens input plus output tokens per calendar month (UTC) for the whole tenant
 * @param monthlyCostNanos spend per calendar month (UTC) for the whole tenant, in nano-dollars
 * @param tenantRpm requests per minute for the whole tenant
 * @param tenantTpm tokens per minute for the whole tenant
 * @param keyRpm requests per minute for this key
 * @param keyTpm tokens per minute for this key
 * @param planModels public model names (or {@code *}-patterns) the plan includes; {@code ["*"]} for every model
 */
public record CallerLimits(
        long monthlyTokens,
        long monthlyCostNanos,
        long tenantRpm,
        long tenantTpm,
        long keyRpm,
        long keyTpm,
        List<String> planModels) {

    /** No limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** Nothing limited: keys from the configuration file. */
    public static final CallerLimits NONE =
            new CallerLimits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, List.of("*"));

    public CallerLimits {
        planModels = List.copyOf(planModels);
    }

    /** Whether the plan includes {@code model}; allocation-free, see {@link ModelPatterns}. */
    public boolean planAllows(String model) {
        return ModelPatterns.anyMatches(planModels, model);
    }
}
