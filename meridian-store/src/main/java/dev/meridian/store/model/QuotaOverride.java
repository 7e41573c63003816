package dev.meridian.store.model;

import java.util.List;

/**
 * A tenant's own monthly terms where they differ from its plan's; each null component follows the plan.
 *
 * @param monthlyTokens input plus output tokens per calendar month, or null for the plan's
 * @param monthlyCostLimitUsd spend per calendar month in US dollars, or null for the plan's
 * @param availableModels model names and {@code *}-patterns, replacing the plan's; null for the plan's
 */
public record QuotaOverride(Long monthlyTokens, Double monthlyCostLimitUsd, List<String> availableModels) {

    /** Every term as the plan says. */
    public static final QuotaOverride NONE = new QuotaOverride(null, null, null);

    public QuotaOverride {
        if ((monthlyTokens != null && monthlyTokens < 0)
                || (monthlyCostLimitUsd != null && !(monthlyCostLimitUsd >= 0))) {
            throw new IllegalArgumentException(
                    "quota values must be non-negative numbers: " + monthlyTokens + ", " + monthlyCostLimitUsd);
        }
        availableModels = availableModels == null ? null : List.copyOf(availableModels);
    }
}
