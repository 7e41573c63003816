package dev.meridian.store.model;

/**
 * Requests and tokens per minute. On a tenant a null component follows its plan; on a key it means the key has no
 * limit of its own (its tenant's still applies).
 */
public record RateLimits(Long requestsPerMinute, Long tokensPerMinute) {

    /** No value of its own. */
    public static final RateLimits NONE = new RateLimits(null, null);

    public RateLimits {
        if ((requestsPerMinute != null && requestsPerMinute < 0) || (tokensPerMinute != null && tokensPerMinute < 0)) {
            throw new IllegalArgumentException(
                    "rate limits must not be negative: " + requestsPerMinute + ", " + tokensPerMinute);
        }
    }
}
