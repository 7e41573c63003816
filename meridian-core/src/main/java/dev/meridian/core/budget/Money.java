package dev.meridian.core.budget;

/**
 * Dollar amounts as whole nano-dollars (10<sup>-9</sup> USD) in a {@code long}: sums are exact and associative,
 * which doubles are not, and a {@code long} holds up to about $9.2 billion. A cheap model's token costs
 * $10<sup>-8</sup>, so nothing real rounds to zero.
 */
public final class Money {

    /** Nano-dollars in one dollar. */
    public static final long NANOS_PER_USD = 1_000_000_000L;

    private Money() {}

    /** {@code usd} rounded up to the next nano-dollar: what a reservation holds, never less than the estimate. */
    public static long ceilNanos(double usd) {
        return checked(Math.ceil(usd * NANOS_PER_USD), usd);
    }

    /** {@code usd} rounded to the nearest nano-dollar: what a settled cost adds. */
    public static long roundNanos(double usd) {
        return checked(Math.rint(usd * NANOS_PER_USD), usd);
    }

    public static double usd(long nanos) {
        return nanos / (double) NANOS_PER_USD;
    }

    private static long checked(double nanos, double usd) {
        if (!(usd >= 0) || nanos >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("not an amount of dollars: " + usd);
        }
        return (long) nanos;
    }
}
