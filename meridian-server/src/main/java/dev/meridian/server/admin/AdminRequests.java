package dev.meridian.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.store.model.BudgetAction;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bodies the admin API accepts, bound by {@link AdminJson#bind} (snake_case, unknown fields rejected). A null
 * component means the field was absent; in a PATCH that leaves the value as it is.
 */
public final class AdminRequests {

    private AdminRequests() {}

    /**
     * {@code POST /tenants}: plan (a plan's name) defaults to basic, status to active (trial when
     * {@code trial_ends_at} is set); {@code rate_limits} overrides the plan's rates; volume discounts default to the
     * configured ones (see {@link VolumeDiscountInput}).
     */
    public record CreateTenant(
            String name,
            String plan,
            TenantStatus status,
            Instant trialEndsAt,
            Boolean storeBodies,
            String residencyRule,
            RateLimitsInput rateLimits,
            JsonNode volumeDiscounts,
            RetentionInput retention,
            String homeCountry) {
        /** A tenant named {@code name} with every other field left to its default. */
        public static CreateTenant named(String name, String plan) {
            return new CreateTenant(name, plan, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * {@code PATCH /tenants/{id}}: an empty {@code residency_rule} removes the rule, an empty {@code home_country}
     * the tenant's own home country. A new {@code plan} drops the
     * tenant's quota and rate overrides, unless the same request sets them. {@code volume_discounts: null} puts the
     * tenant back on the configured default.
     */
    public record UpdateTenant(
            TenantStatus status,
            String plan,
            Quota quota,
            RateLimitsInput rateLimits,
            Instant trialEndsAt,
            Boolean storeBodies,
            String residencyRule,
            JsonNode volumeDiscounts,
            RetentionInput retention,
            String homeCountry) {
        /** A change of status alone. */
        public static UpdateTenant status(TenantStatus status) {
            return new UpdateTenant(status, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * How long a tenant's request-log rows and stored bodies are kept ("90d", "36h"): a field absent stays,
     * {@code null} follows the gateway's default again.
     */
    public record RetentionInput(Clearable<String> requestLog, Clearable<String> bodies) {}

    /** A tenant's own monthly terms: a field absent stays, {@code null} follows the plan again. */
    public record Quota(
            Clearable<Long> monthlyTokens,
            Clearable<Double> monthlyCostLimitUsd,
            Clearable<List<String>> availableModels) {}

    /**
     * Requests and tokens per minute of a tenant (override of its plan's) or a key (its own): a field absent stays,
     * {@code null} removes the limit.
     */
    public record RateLimitsInput(Clearable<Long> requestsPerMinute, Clearable<Long> tokensPerMinute) {}

    /** {@code POST /plans}: every field but {@code tokens_per_minute} (none when absent) is required. */
    public record CreatePlan(
            String name,
            Long monthlyTokens,
            Double monthlyCostLimitUsd,
            Long requestsPerMinute,
            Long tokensPerMinute,
            List<String> models) {}

    /** {@code PATCH /plans/{name}}: a field absent stays; {@code tokens_per_minute: null} removes the token rate. */
    public record UpdatePlan(
            Long monthlyTokens,
            Double monthlyCostLimitUsd,
            Long requestsPerMinute,
            Clearable<Long> tokensPerMinute,
            List<String> models) {}

    public record CreateTeam(String name) {}

    /** {@code POST /tenants/{id}/users}: role defaults to developer. */
    public record CreateUser(String email, String name, Role role, String teamId) {}

    /** {@code PATCH /tenants/{id}/users/{userId}}: an empty {@code team_id} takes the user out of their team. */
    public record UpdateUser(String name, Role role, String teamId) {}

    /** {@code POST /tenants/{id}/users/{userId}/tokens}. */
    public record CreateToken(String name, Instant expiresAt) {}

    /**
     * {@code POST /tenants/{id}/keys}: an empty {@code allowed_models} means every model the tenant may use. A
     * developer's key always belongs to the developer.
     */
    public record CreateKey(
            String name,
            String teamId,
            String userId,
            Instant expiresAt,
            List<String> allowedModels,
            Map<String, String> metadata,
            RateLimitsInput rateLimits) {}

    /** {@code PATCH /tenants/{id}/keys/{keyId}}: the key's own rates. */
    public record UpdateKey(RateLimitsInput rateLimits) {}

    /** {@code POST /tenants/{id}/keys/{keyId}/rotate}: how long the old secret keeps working (default 3600). */
    public record RotateKey(Long graceSeconds) {}

    /** Filters of {@code GET /tenants/{id}/requests}, all optional. */
    public record RequestFilter(
            Instant from, Instant to, String keyId, String model, Integer status, String cursor, Integer limit) {}

    /**
     * {@code POST /tenants/{id}/budgets}: {@code scope_id} defaults to the tenant for a tenant budget,
     * {@code on_exceed} to reject, {@code alert_at} to [0.5, 0.8, 0.95], {@code time_zone} to UTC.
     */
    public record CreateBudget(
            BudgetScope scope,
            String scopeId,
            BudgetPeriod period,
            Double limitUsd,
            BudgetAction onExceed,
            String downgradeTo,
            List<Double> alertAt,
            String timeZone) {}

    /** {@code PATCH /tenants/{id}/budgets/{budgetId}}: scope and scope id cannot change. */
    public record UpdateBudget(
            BudgetPeriod period,
            Double limitUsd,
            BudgetAction onExceed,
            String downgradeTo,
            List<Double> alertAt,
            String timeZone) {}
}
