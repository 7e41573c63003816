package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A spending limit on a tenant, team, user or key, per calendar period. Spend is not part of it: the gateway counts
 * it (from the request log at start, then in memory).
 *
 * @param scopeId     the tenant's, team's, user's or key's id, in {@code tenantId}
 * @param period      {@code DAY}, {@code WEEK}, {@code MONTH} or {@code TOTAL}
 * @param timeZone    the IANA zone periods are aligned in
 * @param downgradeTo the model group that serves requests past the limit, for {@link BudgetAction#DOWNGRADE}; else
 *                    null
 * @param alertAt     the fractions of the limit at which alerts are sent, ascending
 */
public record Budget(
        String id,
        String tenantId,
        BudgetScope scope,
        String scopeId,
        String period,
        String timeZone,
        double limitUsd,
        BudgetAction onExceed,
        String downgradeTo,
        List<Double> alertAt,
        Instant createdAt,
        Instant updatedAt) {

    public Budget {
        requireNonNull(id, "id");
        requireNonNull(tenantId, "tenantId");
        requireNonNull(scope, "scope");
        requireNonNull(scopeId, "scopeId");
        requireNonNull(period, "period");
        requireNonNull(timeZone, "timeZone");
        requireNonNull(onExceed, "onExceed");
        alertAt = List.copyOf(alertAt);
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
    }

    /** This budget with the changeable fields replaced (scope and scope id never change). */
    public Budget withSettings(
            String period,
            String timeZone,
            double limitUsd,
            BudgetAction onExceed,
            String downgradeTo,
            List<Double> alertAt,
            Instant updatedAt) {
        return new Budget(
                id,
                tenantId,
                scope,
                scopeId,
                period,
                timeZone,
                limitUsd,
                onExceed,
                downgradeTo,
                alertAt,
                createdAt,
                updatedAt);
    }
}
