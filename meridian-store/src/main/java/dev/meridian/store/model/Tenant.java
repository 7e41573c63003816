package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A customer organisation: the unit of isolation, quota and billing.
 *
 * @param plan the name of its {@link Plan}
 * @param quota its own monthly terms where they differ from the plan's
 * @param rateLimits its own request and token rates where they differ from the plan's
 * @param trialEndsAt when a {@link TenantStatus#TRIAL} ends; null when there is no trial
 * @param storeBodies whether request and response bodies of this tenant's calls are kept in the request log
 * @param residencyRule name of the data-residency rule the router applies; null for none
 * @param volumeDiscounts the tenant's own volume discount tiers, ascending; null for the gateway's configured default
 * @param retention how long its request-log rows and bodies are kept (schema version 16)
 */
public record Tenant(
        String id,
        String name,
        TenantStatus status,
        String plan,
        QuotaOverride quota,
        RateLimits rateLimits,
        Instant trialEndsAt,
        boolean storeBodies,
        String residencyRule,
        Instant createdAt,
        Instant updatedAt,
        List<VolumeTier> volumeDiscounts,
        TenantRetention retention) {

    public Tenant {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(status, "status");
        requireNonNull(plan, "plan");
        requireNonNull(quota, "quota");
        requireNonNull(rateLimits, "rateLimits");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
        volumeDiscounts = volumeDiscounts == null ? null : List.copyOf(volumeDiscounts);
        retention = retention == null ? TenantRetention.DEFAULT : retention;
    }

    /** A tenant that follows the gateway's default retention. */
    public Tenant(
            String id,
            String name,
            TenantStatus status,
            String plan,
            QuotaOverride quota,
            RateLimits rateLimits,
            Instant trialEndsAt,
            boolean storeBodies,
            String residencyRule,
            Instant createdAt,
            Instant updatedAt,
            List<VolumeTier> volumeDiscounts) {
        this(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                TenantRetention.DEFAULT);
    }

    /** Whether this tenant is on a trial that ended at or before {@code now}. */
    public boolean trialOverAt(Instant now) {
        return status == TenantStatus.TRIAL && trialEndsAt != null && !now.isBefore(trialEndsAt);
    }

    /**
     * Whether this tenant is in good standing at {@code now}: active, or on a trial that has not ended. Only then do
     * its keys call the gateway and its users change anything through the admin API.
     */
    public boolean activeAt(Instant now) {
        return status.mayCall() && !trialOverAt(now);
    }

    public Tenant withStatus(TenantStatus status) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    /** This tenant on another plan, with no overrides: terms negotiated on one plan do not carry over to the next. */
    public Tenant withPlan(String plan) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                QuotaOverride.NONE,
                RateLimits.NONE,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    public Tenant withRateLimits(RateLimits rateLimits) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    public Tenant withQuota(QuotaOverride quota) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    public Tenant withTrialEndsAt(Instant trialEndsAt) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    public Tenant withStoreBodies(boolean storeBodies) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    public Tenant withResidencyRule(String residencyRule) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    /** This tenant on its own discount tiers, or on the configured default for null. */
    public Tenant withVolumeDiscounts(List<VolumeTier> volumeDiscounts) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }

    public Tenant withRetention(TenantRetention retention) {
        return new Tenant(
                id,
                name,
                status,
                plan,
                quota,
                rateLimits,
                trialEndsAt,
                storeBodies,
                residencyRule,
                createdAt,
                updatedAt,
                volumeDiscounts,
                retention);
    }
}
