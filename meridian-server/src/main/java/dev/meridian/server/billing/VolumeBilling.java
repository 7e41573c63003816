package dev.meridian.server.billing;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.model.Usage;
import dev.meridian.core.pricing.VolumeDiscount;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.RequestContext;

/**
 * Decides each request's volume discount and counts its tokens toward its tenant's month. A request is billed whole
 * at the tier its tenant is in when its answer is written, from the tokens before it; its own tokens count toward
 * the next request's tier. Requests without a tenant (configured keys) get no discount. Thread-safe, never waits.
 */
public final class VolumeBilling {

    private final VolumeDiscount defaults;
    private final MonthToDateTokens tokens;

    /**
     * @param defaults the tiers of tenants without their own ({@code pricing.volumeDiscounts})
     */
    public VolumeBilling(VolumeDiscount defaults, MonthToDateTokens tokens) {
        this.defaults = requireNonNull(defaults, "defaults");
        this.tokens = requireNonNull(tokens, "tokens");
    }

    /** The rate for a request of {@code principal} now; 0 for none (no tenant, or a tenant below its first tier). */
    public double rate(Principal principal) {
        if (principal == null || principal.tenantId() == null) {
            return 0;
        }
        VolumeDiscount d = principal.volumeDiscount() != null ? principal.volumeDiscount() : defaults;
        return d.rate(tokens.tokens(principal.tenantId()));
    }

    /** Decides the request's rate unless already decided; the writer calls it before it shows the answer's cost. */
    public void decide(RequestContext ctx) {
        if (!ctx.discountDecided()) {
            ctx.discountRate(rate(ctx.principal()));
        }
    }

    /**
     * Counts a finished request's tokens toward its tenant's month; called once per request, after its record. A
     * response-cache hit consumed no tokens upstream and counts none (as the request log's count leaves it out).
     */
    public void count(RequestContext ctx) {
        Principal p = ctx.principal();
        Usage u = ctx.outcome() == null ? null : ctx.outcome().usage();
        boolean hit = ctx.cache() != null && ctx.cache().hit();
        if (p != null && p.tenantId() != null && u != null && !hit) {
            tokens.add(p.tenantId(), u.totalTokens());
        }
    }

    public MonthToDateTokens tokens() {
        return tokens;
    }
}
