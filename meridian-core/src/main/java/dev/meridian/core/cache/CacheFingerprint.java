package dev.meridian.core.cache;

import static java.util.Objects.requireNonNull;

/**
 * What the response cache reads from a request: the digest of its canonical form over everything that changes the
 * answer, and the sampling temperature its policy compares with {@code maxTemperature}.
 *
 * @param sha256      the SHA-256 of the canonical JSON, lower-case hex (64 characters)
 * @param temperature the request's temperature, or null when it sent none (the provider's default applies)
 */
public record CacheFingerprint(String sha256, Double temperature) {
    public CacheFingerprint {
        requireNonNull(sha256, "sha256");
    }
}
