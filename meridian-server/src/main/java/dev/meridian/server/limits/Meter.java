package dev.meridian.server.limits;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.store.model.BudgetScope;
import java.time.ZoneId;

/**
 * One thing that is limited: a period's spend or tokens ({@link Kind#WINDOW}: a budget, a plan's monthly cost or
 * tokens) or a rate per minute ({@link Kind#RATE}: requests or tokens per minute of a key or a tenant). The id names
 * its counter in whichever {@link LimitStore} holds it, and changes when what it counts changes (a budget's period
 * or time zone); the limit travels with every claim, so a changed limit applies at once without touching the
 * counter.
 *
 * @param limit nano-dollars or tokens per period, or units per minute for a rate
 * @param period and {@code zone}: the window of a {@link Kind#WINDOW} meter; null for a rate
 * @param seed how to read what the window spent so far from the request log when no counter holds it yet
 */
public record Meter(String id, Kind kind, long limit, BudgetPeriod period, ZoneId zone, Seed seed) {

    public enum Kind {
        WINDOW,
        RATE
    }

    /** What a window counts and where the request log keeps it. */
    public enum Unit {
        NANO_USD,
        TOKENS
    }

    /** The request-log query that gives a window's spend so far: the scope it sums over and in which unit. */
    public record Seed(String tenantId, BudgetScope scope, String scopeId, Unit unit) {}

    public Meter {
        requireNonNull(id, "id");
        requireNonNull(kind, "kind");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (kind == Kind.WINDOW) {
            requireNonNull(period, "period");
            requireNonNull(zone, "zone");
            requireNonNull(seed, "seed");
        }
    }

    public static Meter window(String id, long limit, BudgetPeriod period, ZoneId zone, Seed seed) {
        return new Meter(id, Kind.WINDOW, limit, period, zone, seed);
    }

    public static Meter rate(String id, long perMinute) {
        return new Meter(id, Kind.RATE, perMinute, null, null, null);
    }

    /** {@code amount} of this meter, for one call. */
    public Claim claim(long amount) {
        return new Claim(this, amount);
    }

    /** What one call reserves of one meter. */
    public record Claim(Meter meter, long amount) {}
}
