package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.meridian.core.pricing.VolumeDiscount;
import java.util.List;

/**
 * What the gateway bills beyond list prices: the volume discount tiers every tenant gets unless the admin API gave it
 * its own. Absent, the documented default ({@link VolumeDiscount#DEFAULT}); {@code []} turns discounts off.
 *
 * @param volumeDiscounts tiers in ascending order of {@code fromTokens}
 */
public record PricingConfig(List<Tier> volumeDiscounts) {

    public PricingConfig {
        // Not List.copyOf: a tier written as "- " is null, and validation must be able to say so.
        volumeDiscounts = volumeDiscounts == null
                ? defaultTiers()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(volumeDiscounts));
    }

    @JsonCreator
    static PricingConfig fromYaml(@JsonProperty("volumeDiscounts") List<Tier> volumeDiscounts) {
        return new PricingConfig(volumeDiscounts);
    }

    public static PricingConfig defaults() {
        return new PricingConfig(null);
    }

    /**
     * One tier as written: from {@code fromTokens} tokens this calendar month (UTC, inclusive), {@code percent} off.
     * Either may be null when the file left it out ({@code config check} says so).
     */
    public record Tier(Long fromTokens, Double percent) {}

    /** The tiers as a discount; call it on a validated configuration only. */
    public VolumeDiscount discount() {
        return VolumeDiscount.of(coreTiers());
    }

    /** The tiers in the core's form; every value must be present (validation checks that first). */
    List<VolumeDiscount.Tier> coreTiers() {
        return volumeDiscounts.stream()
                .map(t -> VolumeDiscount.Tier.percent(t.fromTokens(), t.percent()))
                .toList();
    }

    private static List<Tier> defaultTiers() {
        return VolumeDiscount.DEFAULT.tiers().stream()
                .map(t -> new Tier(t.fromTokens(), t.percent()))
                .toList();
    }

    /** Adds each problem as "key: message", naming the tier's key: {@code pricing.volumeDiscounts[1].fromTokens}. */
    void check(List<String> problems) {
        String key = "pricing.volumeDiscounts";
        boolean complete = true;
        for (int i = 0; i < volumeDiscounts.size(); i++) {
            Tier t = volumeDiscounts.get(i);
            if (t == null) {
                problems.add(key + "[" + i + "]: needs fromTokens and percent");
                complete = false;
                continue;
            }
            if (t.fromTokens() == null) {
                problems.add(key + "[" + i + "].fromTokens: required");
                complete = false;
            }
            if (t.percent() == null) {
                problems.add(key + "[" + i + "].percent: required");
                complete = false;
            }
        }
        if (!complete) {
            return;
        }
        VolumeDiscount.Problem p = VolumeDiscount.check(coreTiers());
        if (p != null) {
            problems.add(key + "[" + p.tier() + "]." + (p.threshold() ? "fromTokens" : "percent") + ": " + p.message());
        }
    }
}
