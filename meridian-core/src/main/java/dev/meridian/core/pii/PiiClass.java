package dev.meridian.core.pii;

import java.util.Locale;

/** The data classes the built-in detectors find; a tenant's own patterns add named classes beside these. */
public enum PiiClass {
    EMAIL,
    PHONE_CN,
    PHONE_US,
    CN_ID,
    CARD,
    IBAN,
    IPV4,
    IPV6,
    API_KEY,
    SECRET;

    /** The name in configuration and in {@code pii_blocked} errors: {@code email}, {@code phone_cn}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
