package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkSuperAdmin;
import static dev.meridian.server.admin.Access.checkTenant;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateTenant;
import dev.meridian.server.admin.AdminRequests.UpdateTenant;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantRetention;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.model.VolumeTier;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.TenantRepository;
import java.util.List;
import java.util.Locale;

/** Tenants: the super-admin creates them and sets their commercial terms; a tenant's admin changes the rest. */
public final class TenantAdmin {

    private final TenantRepository tenants;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final Runnable keysChanged;
    private final AdminCatalog catalog;
    private final PlanAdmin plans;

    TenantAdmin(
            TenantRepository tenants,
            Lookups lookups,
            AuditTrail audit,
            Runnable keysChanged,
            AdminCatalog catalog,
            PlanAdmin plans) {
        this.tenants = tenants;
        this.plans = plans;
        this.catalog = catalog;
        this.lookups = lookups;
        this.audit = audit;
        this.keysChanged = keysChanged;
    }

    public Tenant create(Actor actor, CreateTenant req) {
        checkSuperAdmin(actor, "create tenants");
        String name = Validation.name("name", req.name());
        String rule = residencyRule(req.residencyRule());
        String home = homeCountry(req.homeCountry());
        String plan = req.plan() == null ? Plan.BASIC : plans.checkExists("plan", req.plan());
        RateLimits rates = LimitRules.rates("rate_limits", req.rateLimits(), RateLimits.NONE);
        List<VolumeTier> discounts = VolumeDiscountInput.tiers(req.volumeDiscounts());
        TenantRetention retention = RetentionRules.apply(req.retention(), TenantRetention.DEFAULT);
        TenantStatus status = req.status() != null
                ? req.status()
                : req.trialEndsAt() != null ? TenantStatus.TRIAL : TenantStatus.ACTIVE;
        Tenant tenant;
        try {
            tenant = tenants.create(name, plan, status, req.trialEndsAt(), rates);
        } catch (DuplicateException e) {
            throw GatewayException.invalid("name", "A tenant named `" + name + "` already exists.");
        }
        if (req.storeBodies() != null
                || req.residencyRule() != null
                || discounts != null
                || req.retention() != null
                || home != null) {
            tenant = tenants.update(tenant.withStoreBodies(Boolean.TRUE.equals(req.storeBodies()))
                    .withResidencyRule(rule)
                    .withVolumeDiscounts(discounts)
                    .withRetention(retention)
                    .withHomeCountry(home));
        }
        audit.record(actor, tenant.id(), "tenant.create", "tenant", tenant.id(), null, tenant);
        return tenant;
    }

    /** Every tenant for the super-admin; a user sees only their own. */
    public ListView<Tenant> list(Actor actor, String cursor, Integer limit) {
        if (!actor.superAdmin()) {
            return ListView.of(tenants.get(actor.tenantId()).stream().toList());
        }
        return ListView.of(Paging.page(
                "cursor", () -> tenants.list(cursor, Paging.limit(limit, TenantRepository.MAX_PAGE))));
    }

    public Tenant get(Actor actor, String tenantId) {
        checkTenant(actor, tenantId);
        return lookups.tenant(tenantId);
    }

    /**
     * Status, plan, quota, rate limits, trial end and volume discounts are commercial terms: only the super-admin
     * changes them. A new plan drops the overrides of the old one unless the same request sets them. Everything is
     * checked before anything is written.
     */
    public Tenant update(Actor actor, String tenantId, UpdateTenant req) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        if (!actor.superAdmin()) {
            String field = req.status() != null
                    ? "status"
                    : req.plan() != null
                            ? "plan"
                            : req.quota() != null
                                    ? "quota"
                                    : req.rateLimits() != null
                                            ? "rate_limits"
                                            : req.trialEndsAt() != null ? "trial_ends_at" : null;
            if (field != null) {
                throw GatewayException.builder(
                                ErrorCode.PERMISSION_DENIED,
                                "Only the platform super-admin may change `" + field + "`.")
                        .param(field)
                        .build();
            }
            if (VolumeDiscountInput.present(req.volumeDiscounts())) {
                throw GatewayException.builder(
                                ErrorCode.PERMISSION_DENIED,
                                "Only the platform super-admin may change `" + VolumeDiscountInput.PARAM + "`.")
                        .param(VolumeDiscountInput.PARAM)
                        .build();
            }
        }
        // Checked before anything is written.
        List<VolumeTier> discounts = VolumeDiscountInput.tiers(req.volumeDiscounts());
        Tenant before = lookups.tenant(tenantId);
        Tenant after = before.withRetention(RetentionRules.apply(req.retention(), before.retention()));
        if (req.status() != null) {
            after = after.withStatus(req.status());
        }
        if (req.plan() != null && !req.plan().equals(before.plan())) {
            after = after.withPlan(plans.checkExists("plan", req.plan()));
        }
        if (req.quota() != null) {
            after = after.withQuota(quota(after.quota(), req.quota()));
        }
        after = after.withRateLimits(LimitRules.rates("rate_limits", req.rateLimits(), after.rateLimits()));
        if (req.trialEndsAt() != null) {
            after = after.withTrialEndsAt(req.trialEndsAt());
        }
        if (req.storeBodies() != null) {
            after = after.withStoreBodies(req.storeBodies());
        }
        if (req.residencyRule() != null) {
            after = after.withResidencyRule(residencyRule(req.residencyRule()));
        }
        if (req.homeCountry() != null) {
            after = after.withHomeCountry(homeCountry(req.homeCountry()));
        }
        if (VolumeDiscountInput.present(req.volumeDiscounts())) {
            after = after.withVolumeDiscounts(discounts);
        }
        Tenant stored = tenants.update(after);
        keysChanged.run();
        audit.record(actor, tenantId, "tenant.update", "tenant", tenantId, before, stored);
        return stored;
    }

    /** A residency rule as written: null for absent or {@code ""} (no rule), else a configured rule's name. */
    private String residencyRule(String rule) {
        if (rule == null || rule.isBlank()) {
            return null;
        }
        return catalog.checkResidencyRule("residency_rule", Validation.name("residency_rule", rule));
    }

    /**
     * A home country as written: null for absent or {@code ""} (the gateway's), else an ISO 3166 alpha-2 code,
     * {@code UK} or {@code EU}, upper-cased, as {@code audit.residency.homeCountry} takes.
     */
    private static String homeCountry(String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        String c = country.strip().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) {
            throw GatewayException.invalid(
                    "home_country", "`home_country` must be a two-letter country code (ISO 3166), `UK` or `EU`.");
        }
        return c;
    }

    /** {@code current} with the fields of {@code q} applied: absent ones stay, null ones follow the plan again. */
    private QuotaOverride quota(QuotaOverride current, AdminRequests.Quota q) {
        List<String> models = Clearable.apply(q.availableModels(), current.availableModels());
        return new QuotaOverride(
                LimitRules.count(
                        "quota.monthly_tokens",
                        Clearable.apply(q.monthlyTokens(), current.monthlyTokens()),
                        LimitRules.MAX_MONTHLY_TOKENS),
                LimitRules.dollars(
                        "quota.monthly_cost_limit_usd",
                        Clearable.apply(q.monthlyCostLimitUsd(), current.monthlyCostLimitUsd())),
                models == null || q.availableModels() == null
                        ? models
                        : LimitRules.models("quota.available_models", models, catalog));
    }
}
