package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A model group's response-cache policy ({@code models.<name>.cache}). Off unless {@code enabled}: a cached answer
 * is a non-deterministic answer given again, which the operator must choose per group.
 *
 * @param enabled        answer repeated requests from the cache (default false)
 * @param ttl            how long a stored answer is served (default 1h)
 * @param minCostUsd     an answer that cost less is not worth its memory and is not stored (default 0)
 * @param maxTemperature requests above this temperature are not cached unless the caller forces it; a request
 *                       without a temperature counts as 1.0, OpenAI's default (default 1.0)
 * @param toolCalls      whether answers that call tools are stored (default false: an agent loop usually wants
 *                       the model to see its latest state)
 * @param scope          {@code tenant} (default): a tenant's keys share answers; {@code key}: each key has its own
 */
public record CacheConfig(
        boolean enabled, Duration ttl, double minCostUsd, double maxTemperature, boolean toolCalls, String scope) {

    public static final CacheConfig OFF = fromYaml(null, null, null, null, null, null);

    @JsonCreator
    static CacheConfig fromYaml(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("ttl") Duration ttl,
            @JsonProperty("minCostUsd") Double minCostUsd,
            @JsonProperty("maxTemperature") Double maxTemperature,
            @JsonProperty("toolCalls") Boolean toolCalls,
            @JsonProperty("scope") String scope) {
        return new CacheConfig(
                enabled != null && enabled,
                ttl == null ? Duration.ofHours(1) : ttl,
                minCostUsd == null ? 0 : minCostUsd,
                maxTemperature == null ? 1.0 : maxTemperature,
                toolCalls != null && toolCalls,
                scope == null ? "tenant" : scope);
    }

    /** An enabled policy, for tests and the embedded defaults. */
    public static CacheConfig enabled(Duration ttl, double minCostUsd) {
        return new CacheConfig(true, ttl, minCostUsd, 1.0, false, "tenant");
    }

    /** Whether answers are kept per key rather than per tenant. */
    public boolean perKey() {
        return "key".equals(scope);
    }
}
