package dev.meridian.core.pricing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Volume discount tiers: the share of the list price taken off a tenant's requests once its tokens this calendar
 * month reach a threshold. Immutable and thread-safe.
 *
 * <p>A request is billed whole at the tier its tenant's month-to-date total is in when the request is accounted
 * (the tokens before it, not counting its own): one request never straddles two tiers, and the rate a caller sees
 * only ever rises within a month. Below the first threshold nothing is taken off.
 *
 * <p>Example: with {@link #DEFAULT}, a tenant that used 1,000,000 tokens this month pays 90 % of list for its next
 * request, because the 10 % tier starts at exactly 1M (a threshold belongs to the tier it opens).
 */
public final class VolumeDiscount {

    /**
     * One tier.
     *
     * @param fromTokens month-to-date tokens (input plus output) from which {@code rate} applies, inclusive
     * @param rate the fraction of the list price taken off, in [0, 1)
     */
    public record Tier(long fromTokens, double rate) {

        /** A tier written as a percentage, as the configuration and the admin API take it. */
        public static Tier percent(long fromTokens, double percent) {
            return new Tier(fromTokens, percent / 100);
        }

        /** The rate as a percentage, as the configuration and the admin API show it. */
        public double percent() {
            // Rounded so that 0.07 reads back as 7, not 7.000000000000001.
            return Math.round(rate * 100 * 1e9) / 1e9;
        }
    }

    /** No discount at any volume. */
    public static final VolumeDiscount NONE = new VolumeDiscount(List.of());

    /**
     * The documented default, the seed's table as issue 11 states it ("0/5/10/15/20 % at 0.1M/1M/10M/100M/1B tokens a
     * month", which is also what the seed's code computes): nothing below 1M tokens a month, 5 % from 1M, 10 % from
     * 10M, 15 % from 100M and 20 % from 1B.
     */
    public static final VolumeDiscount DEFAULT = of(List.of(
            new Tier(100_000, 0),
            Tier.percent(1_000_000, 5),
            Tier.percent(10_000_000, 10),
            Tier.percent(100_000_000, 15),
            Tier.percent(1_000_000_000, 20)));

    private final List<Tier> tiers;

    private VolumeDiscount(List<Tier> tiers) {
        this.tiers = tiers;
    }

    /**
     * What is wrong with a list of tiers, for callers that name the offending key in their own terms.
     *
     * @param tier the index of the first offending tier
     * @param threshold whether its threshold is wrong (else its rate)
     */
    public record Problem(int tier, boolean threshold, String message) {}

    /** The first problem of {@code tiers}, or null when they make a valid discount. */
    public static Problem check(List<Tier> tiers) {
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = requireNonNull(tiers.get(i), "tier");
            if (t.fromTokens() < 0) {
                return new Problem(i, true, "the threshold must not be negative");
            }
            if (i > 0 && t.fromTokens() <= tiers.get(i - 1).fromTokens()) {
                return new Problem(
                        i,
                        true,
                        "thresholds must ascend (" + t.fromTokens() + " after "
                                + tiers.get(i - 1).fromTokens() + ")");
            }
            if (!(t.rate() >= 0 && t.rate() < 1)) {
                return new Problem(i, false, "the discount must be at least 0 % and below 100 %");
            }
        }
        return null;
    }

    /**
     * Tiers in ascending order of their thresholds.
     *
     * @throws IllegalArgumentException naming the offending tier (by its index) when a threshold is negative or not
     *     above the one before, or a rate is outside [0, 1) or not a number
     */
    public static VolumeDiscount of(List<Tier> tiers) {
        requireNonNull(tiers, "tiers");
        Problem problem = check(tiers);
        if (problem != null) {
            throw new IllegalArgumentException("tier " + problem.tier() + ": " + problem.message());
        }
        return tiers.isEmpty() ? NONE : new VolumeDiscount(List.copyOf(tiers));
    }

    public List<Tier> tiers() {
        return tiers;
    }

    /** The fraction taken off a request accounted when its tenant had used {@code monthToDateTokens}. */
    public double rate(long monthToDateTokens) {
        double rate = 0;
        for (Tier t : tiers) {
            if (monthToDateTokens < t.fromTokens()) {
                break;
            }
            rate = t.rate();
        }
        return rate;
    }

    /** What a request of {@code listCostUsd} is billed at {@link #rate(long)}. */
    public double billed(double listCostUsd, long monthToDateTokens) {
        return listCostUsd * (1 - rate(monthToDateTokens));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeDiscount d && d.tiers.equals(tiers);
    }

    @Override
    public int hashCode() {
        return tiers.hashCode();
    }

    @Override
    public String toString() {
        return "VolumeDiscount" + tiers;
    }
}
