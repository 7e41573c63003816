package dev.meridian.server.limits;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.store.model.BudgetScope;
import java.time.ZoneOffset;

/**
 * The meters of a tenant's plan and of the tenant's and keys' rate limits, named so that every replica names them
 * alike (their ids are their counters' names in Redis). A plan's month is the calendar month in UTC.
 */
public final class Meters {

    private static final String REQUESTS = "rpm:";
    private static final String TOKENS = "tpm:";

    private Meters() {}

    public static Meter planCost(String tenantId, long limitNanos) {
        return Meter.window(
                "plan-cost:" + tenantId,
                limitNanos,
                BudgetPeriod.MONTH,
                ZoneOffset.UTC,
                new Meter.Seed(tenantId, BudgetScope.TENANT, tenantId, Meter.Unit.NANO_USD));
    }

    public static Meter planTokens(String tenantId, long limitTokens) {
        return Meter.window(
                "plan-tokens:" + tenantId,
                limitTokens,
                BudgetPeriod.MONTH,
                ZoneOffset.UTC,
                new Meter.Seed(tenantId, BudgetScope.TENANT, tenantId, Meter.Unit.TOKENS));
    }

    public static Meter tenantRequests(String tenantId, long perMinute) {
        return Meter.rate(REQUESTS + "tenant:" + tenantId, perMinute);
    }

    public static Meter keyRequests(String keyId, long perMinute) {
        return Meter.rate(REQUESTS + "key:" + keyId, perMinute);
    }

    public static Meter tenantTokens(String tenantId, long perMinute) {
        return Meter.rate(TOKENS + "tenant:" + tenantId, perMinute);
    }

    public static Meter keyTokens(String keyId, long perMinute) {
        return Meter.rate(TOKENS + "key:" + keyId, perMinute);
    }

    /** Whether a rate meter counts requests (else tokens). */
    static boolean countsRequests(Meter m) {
        return m.id().startsWith(REQUESTS);
    }
}
