package dev.meridian.store.model;

import java.util.List;
import java.util.Objects;

/**
 * What a tenant may consume per month and per minute.
 *
 * @param monthlyTokens input plus output tokens per calendar month
 * @param monthlyCostLimitUsd spend ceiling per calendar month, in US dollars
 * @param maxRequestsPerMinute request rate ceiling for the whole tenant
 * @param availableModels model names the tenant may call; {@code ["*"]} means every model
 */
public record PlanQuota(
        long monthlyTokens, double monthlyCostLimitUsd, int maxRequestsPerMinute, List<String> availableModels) {

    public PlanQuota {
        if (monthlyTokens < 0 || monthlyCostLimitUsd < 0 || maxRequestsPerMinute < 0) {
            throw new IllegalArgumentException("quota values must not be negative: " + monthlyTokens + ", "
                    + monthlyCostLimitUsd + ", " + maxRequestsPerMinute);
        }
        availableModels = List.copyOf(Objects.requireNonNull(availableModels, "availableModels"));
    }

    /** Whether {@code model} is in {@link #availableModels()} (or the list is {@code ["*"]}). */
    public boolean allowsModel(String model) {
        return availableModels.contains("*") || availableModels.contains(model);
    }
}
