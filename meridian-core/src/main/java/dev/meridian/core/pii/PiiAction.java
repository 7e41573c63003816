package dev.meridian.core.pii;

import java.util.Locale;

/** What the gateway does with a data class found in a request. */
public enum PiiAction {
    /** Replace each value by a placeholder before the request leaves. */
    MASK,
    /** Refuse the request: 400 {@code pii_blocked}, naming the classes found, never the values. */
    BLOCK,
    /** Let it through as it is. */
    ALLOW;

    /** {@code mask}, {@code block} or {@code allow}, in any case. */
    public static PiiAction parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a PII action is mask, block or allow, not '" + value + "'");
        }
    }
}
