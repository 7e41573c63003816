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
 * @param homeCountry where its data lives (ISO code, {@code UK} or {@code EU}), for residency evidence; null for the
 *     gateway's {@code audit.residency.homeCountry} (schema version 18)
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
        TenantRetention retention,
        String homeCountry) {

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

    /** A tenant with no home country of its own. */
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
            List<VolumeTier> volumeDiscounts,
            TenantRetention retention) {
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
                retention,
                null);
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
        return copy().status(status).build();
    }

    /** This tenant on another plan, with no overrides: terms negotiated on one plan do not carry over to the next. */
    public Tenant withPlan(String plan) {
        return copy().plan(plan)
                .quota(QuotaOverride.NONE)
                .rateLimits(RateLimits.NONE)
                .build();
    }

    public Tenant withRateLimits(RateLimits rateLimits) {
        return copy().rateLimits(rateLimits).build();
    }

    public Tenant withQuota(QuotaOverride quota) {
        return copy().quota(quota).build();
    }

    public Tenant withTrialEndsAt(Instant trialEndsAt) {
        return copy().trialEndsAt(trialEndsAt).build();
    }

    public Tenant withStoreBodies(boolean storeBodies) {
        return copy().storeBodies(storeBodies).build();
    }

    public Tenant withResidencyRule(String residencyRule) {
        return copy().residencyRule(residencyRule).build();
    }

    /** This tenant on its own discount tiers, or on the configured default for null. */
    public Tenant withVolumeDiscounts(List<VolumeTier> volumeDiscounts) {
        return copy().volumeDiscounts(volumeDiscounts).build();
    }

    public Tenant withRetention(TenantRetention retention) {
        return copy().retention(retention).build();
    }

    /** This tenant with its own home country, or the gateway's for null. */
    public Tenant withHomeCountry(String homeCountry) {
        return copy().homeCountry(homeCountry).build();
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** This tenant with some fields changed: one place that lists every field, for the with-methods. */
    private static final class Copy {
        private final Tenant t;
        private TenantStatus status;
        private String plan;
        private QuotaOverride quota;
        private RateLimits rateLimits;
        private Instant trialEndsAt;
        private boolean storeBodies;
        private String residencyRule;
        private List<VolumeTier> volumeDiscounts;
        private TenantRetention retention;
        private String homeCountry;

        Copy(Tenant t) {
            this.t = t;
            status = t.status;
            plan = t.plan;
            quota = t.quota;
            rateLimits = t.rateLimits;
            trialEndsAt = t.trialEndsAt;
            storeBodies = t.storeBodies;
            residencyRule = t.residencyRule;
            volumeDiscounts = t.volumeDiscounts;
            retention = t.retention;
            homeCountry = t.homeCountry;
        }

        Copy status(TenantStatus v) {
            status = v;
            return this;
        }

        Copy plan(String v) {
            plan = v;
            return this;
        }

        Copy quota(QuotaOverride v) {
            quota = v;
            return this;
        }

        Copy rateLimits(RateLimits v) {
            rateLimits = v;
            return this;
        }

        Copy trialEndsAt(Instant v) {
            trialEndsAt = v;
            return this;
        }

        Copy storeBodies(boolean v) {
            storeBodies = v;
            return this;
        }

        Copy residencyRule(String v) {
            residencyRule = v;
            return this;
        }

        Copy volumeDiscounts(List<VolumeTier> v) {
            volumeDiscounts = v;
            return this;
        }

        Copy retention(TenantRetention v) {
            retention = v;
            return this;
        }

        Copy homeCountry(String v) {
            homeCountry = v;
            return this;
        }

        Tenant build() {
            return new Tenant(
                    t.id,
                    t.name,
                    status,
                    plan,
                    quota,
                    rateLimits,
                    trialEndsAt,
                    storeBodies,
                    residencyRule,
                    t.createdAt,
                    t.updatedAt,
                    volumeDiscounts,
                    retention,
                    homeCountry);
        }
    }
}
