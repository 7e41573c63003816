package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * The response cache's tiers ({@code cache}); which groups are cached is each group's {@code cache} policy.
 *
 * @param maxSize      the in-process tier's bound, in bytes of stored answers (default a quarter of the Java heap,
 *                     at most 256 MiB: the launcher's 128 MiB heap holds 32 MiB of answers)
 * @param maxEntrySize a larger answer is not stored (default 1 MiB, at most maxSize)
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
        long size = maxSize == null ? defaultMaxSize(Runtime.getRuntime().maxMemory()) : maxSize;
        return new ResponseCacheConfig(
                size,
                maxEntrySize == null ? Math.min(1L << 20, size) : maxEntrySize,
                redisTimeout == null ? Duration.ofMillis(50) : redisTimeout,
                keyPrefix == null ? "meridian:cache:" : keyPrefix);
    }

    /**
     * A quarter of {@code maxHeapBytes}, at most 256 MiB. The bound counts the answers' bytes, and a streamed hit
     * keeps the answer decoded beside them, so a full tier can take about twice its bound: a default above a quarter
     * of the heap let a workload of distinct cacheable requests fill the launcher's 128 MiB heap until the gateway
     * spent its time collecting garbage (docs/benchmarks.md, "Issue 12: cache against an nginx upstream").
     */
    static long defaultMaxSize(long maxHeapBytes) {
        return Math.min(256L << 20, Math.max(1L << 20, maxHeapBytes / 4));
    }

    public static ResponseCacheConfig defaults() {
        return fromYaml(null, null, null, null);
    }
}
