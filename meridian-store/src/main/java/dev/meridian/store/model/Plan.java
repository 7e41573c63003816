package dev.meridian.store.model;

import java.util.List;

/**
 * A tenant's commercial plan. Each plan has default quotas (the product's plan table); a tenant may override them.
 */
public enum Plan {
    BASIC(new PlanQuota(1_000_000L, 100.0, 60, List.of("gpt-3.5-turbo", "gemini-pro"))),
    PROFESSIONAL(new PlanQuota(
            10_000_000L, 1_000.0, 600, List.of("gpt-3.5-turbo", "gpt-4-turbo", "claude-3-haiku", "gemini-pro"))),
    ENTERPRISE(new PlanQuota(100_000_000L, 10_000.0, 6_000, List.of("*"))),
    /** Negotiated terms: starts from the enterprise numbers; the tenant's own quota says what was agreed. */
    CUSTOM(ENTERPRISE.defaultQuota);

    private final PlanQuota defaultQuota;

    Plan(PlanQuota defaultQuota) {
        this.defaultQuota = defaultQuota;
    }

    /** The quota a new tenant on this plan gets unless one is given. */
    public PlanQuota defaultQuota() {
        return defaultQuota;
    }
}
