package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * The response cache's tiers ({@code cache}); which groups are cached is each group's {@code cache} policy.
 *
 * @param maxSize      the in-process tier's bound, in bytes of stored answers (default 256 MiB)
 * @param maxEntrySize a larger answer is not stored (default 1 MiB)
 * @param redisTimeout how long a request waits for the shared tier before it goes on without it (default 50ms)
 * @param keyPrefix    what every key of the shared tier starts with (default {@code meridian:cache:}), so that
 *                     several gateways, or other data, can share one Redis
 */
public record ResponseCacheConfig(long maxSize, long maxEntrySize, Duration redisTimeout, String keyPrefix) {

    @JsonCreator
    static ResponseCacheConfig fromYaml(
            @JsonProperty("maxSize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class) Long maxSize,
            @JsonProperty("maxEntrySize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                    Long maxEntrySize,
            @JsonProperty("redisTimeout") Duration redisTimeout,
            @JsonProperty("keyPrefix") String keyPrefix) {
        return new ResponseCacheConfig(
                maxSize == null ? 256L << 20 : maxSize,
                maxEntrySize == null ? 1L << 20 : maxEntrySize,
                redisTimeout == null ? Duration.ofMillis(50) : redisTimeout,
                keyPrefix == null ? "meridian:cache:" : keyPrefix);
    }

    public static ResponseCacheConfig defaults() {
        return fromYaml(null, null, null, null);
    }
}
