package dev.meridian.core.routing;

import java.util.Locale;
import java.util.Optional;

/** How much quality (and so cost) a caller asks for; the seed called these budgets. */
public enum QualityTier {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high");

    private final String wireName;

    QualityTier(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration, headers and metrics: {@code "low"}, {@code "medium"} or {@code "high"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The tier named by {@code s}: a wire name or the seed's budget name ({@code "low_budget"},
     * {@code "medium_budget"}, {@code "high_budget"}); case-insensitive, surrounding whitespace ignored. Empty for
     * null or any other text.
     */
    public static Optional<QualityTier> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String name = s.strip().toLowerCase(Locale.ROOT);
        for (QualityTier tier : values()) {
            if (name.equals(tier.wireName) || name.equals(tier.wireName + "_budget")) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
