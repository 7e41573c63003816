package dev.meridian.store.model;

import java.util.Locale;
import java.util.Optional;

/** What a usage report can group by. */
public enum UsageDimension {
    /** The model (group) the caller asked for. */
    MODEL,
    PROVIDER,
    /** The virtual key's id, or {@code config:<name>} for a configured key. */
    KEY,
    USER,
    /** The team of the request's key, as the key is now. */
    TEAM,
    /** The UTC day, {@code YYYY-MM-DD}. */
    DAY,
    /** Platform-wide reports only. */
    TENANT;

    /** The name callers use ({@code model}, {@code day}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UsageDimension> parse(String name) {
        for (UsageDimension d : values()) {
            if (d.wireName().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
