package dev.meridian.server.budget;

import dev.meridian.server.auth.CallerLimits;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Meters;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call claims of the meters that apply to its caller, and why each claim was made (to word a refusal and
 * to settle each claim in its unit): its budgets' and its plan's money, its plan's tokens, and its key's and
 * tenant's rates (requests on the request's first call only, tokens on every call).
 */
final class CallClaims {

    enum Purpose {
        BUDGET,
        PLAN_COST,
        PLAN_TOKENS,
        REQUESTS,
        TOKENS
    }

    final List<Meter.Claim> claims = new ArrayList<>(6);
    final List<Purpose> purposes = new ArrayList<>(6);
    final List<BudgetBook.Live> budgets = new ArrayList<>(2);

    /**
     * @param costNanos the call's maximum cost (0 for an unpriced deployment: nothing money-limited is claimed)
     * @param tokens the call's estimated tokens
     * @param firstCall whether this is the request's first call (requests per minute count requests, not calls)
     */
    static CallClaims of(Principal p, List<BudgetBook.Live> live, long costNanos, long tokens, boolean firstCall) {
        CallClaims c = new CallClaims();
        if (costNanos > 0) {
            for (BudgetBook.Live b : live) {
                c.add(b.meter().claim(costNanos), Purpose.BUDGET, b);
            }
        }
        CallerLimits l = p.limits();
        if (l == CallerLimits.NONE || p.tenantId() == null) {
            return c;
        }
        String tenant = p.tenantId();
        if (l.monthlyCostNanos() != CallerLimits.UNLIMITED && costNanos > 0) {
            c.add(Meters.planCost(tenant, l.monthlyCostNanos()).claim(costNanos), Purpose.PLAN_COST, null);
        }
        if (l.monthlyTokens() != CallerLimits.UNLIMITED) {
            c.add(Meters.planTokens(tenant, l.monthlyTokens()).claim(tokens), Purpose.PLAN_TOKENS, null);
        }
        if (firstCall && l.keyRpm() != CallerLimits.UNLIMITED && p.keyId() != null) {
            c.add(Meters.keyRequests(p.keyId(), l.keyRpm()).claim(1), Purpose.REQUESTS, null);
        }
        if (firstCall && l.tenantRpm() != CallerLimits.UNLIMITED) {
            c.add(Meters.tenantRequests(tenant, l.tenantRpm()).claim(1), Purpose.REQUESTS, null);
        }
        if (l.keyTpm() != CallerLimits.UNLIMITED && p.keyId() != null) {
            c.add(Meters.keyTokens(p.keyId(), l.keyTpm()).claim(tokens), Purpose.TOKENS, null);
        }
        if (l.tenantTpm() != CallerLimits.UNLIMITED) {
            c.add(Meters.tenantTokens(tenant, l.tenantTpm()).claim(tokens), Purpose.TOKENS, null);
        }
        return c;
    }

    private void add(Meter.Claim claim, Purpose purpose, BudgetBook.Live budget) {
        claims.add(claim);
        purposes.add(purpose);
        budgets.add(budget);
    }

    boolean isEmpty() {
        return claims.isEmpty();
    }

    /** What the call used of each claim: its cost for money, its tokens for tokens, one request. */
    long[] used(long costNanos, long tokens) {
        long[] used = new long[claims.size()];
        for (int i = 0; i < used.length; i++) {
            used[i] = switch (purposes.get(i)) {
                case BUDGET, PLAN_COST -> costNanos;
                case PLAN_TOKENS, TOKENS -> tokens;
                case REQUESTS -> 1;
            };
        }
        return used;
    }
}
