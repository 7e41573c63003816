package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A model group's {@code cache} block ({@code models.<name>.cache}): its response-cache policy, and whether the
 * gateway uses the provider's prompt cache. The response cache is off unless {@code enabled}: a cached answer is a
 * non-deterministic answer given again, which the operator must choose per group.
 *
 * @param enabled        answer repeated requests from the response cache (default false)
 * @param ttl            how long a stored answer is served (default 1h)
 * @param minCostUsd     an answer that cost less is not worth its memory and is not stored (default 0)
 * @param maxTemperature requests above this temperature are not cached unless the caller forces it; a request
 *                       without a temperature counts as 1.0, OpenAI's default (default 1.0)
 * @param toolCalls      whether answers that call tools are stored (default false: an agent loop usually wants
 *                       the model to see its latest state)
 * @param scope          {@code tenant} (default): a tenant's keys share answers; {@code key}: each key has its own
 * @param providerPrompt {@code auto} (default) or {@code off}: see {@link ProviderPromptCache}; kept as written
 *                       (null when unset) and validated at load
 * @param semantic       the semantic cache on an exact miss (default off): see {@link SemanticCacheConfig}
 */
public record CacheConfig(
        boolean enabled,
        Duration ttl,
        double minCostUsd,
        double maxTemperature,
        boolean toolCalls,
        String scope,
        String providerPrompt,
        SemanticCacheConfig semantic) {

    public CacheConfig {
        semantic = semantic == null ? SemanticCacheConfig.OFF : semantic;
    }

    /** Nothing configured: no response cache, the provider's prompt cache used ({@code auto}). */
    public static final CacheConfig DEFAULTS = fromYaml(null, null, null, null, null, null, null, null);

    @JsonCreator
    static CacheConfig fromYaml(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("ttl") Duration ttl,
            @JsonProperty("minCostUsd") Double minCostUsd,
            @JsonProperty("maxTemperature") Double maxTemperature,
            @JsonProperty("toolCalls") Boolean toolCalls,
            @JsonProperty("scope") String scope,
            @JsonProperty("providerPrompt") String providerPrompt,
            @JsonProperty("semantic") SemanticCacheConfig semantic) {
        return new CacheConfig(
                enabled != null && enabled,
                ttl == null ? Duration.ofHours(1) : ttl,
                minCostUsd == null ? 0 : minCostUsd,
                maxTemperature == null ? 1.0 : maxTemperature,
                toolCalls != null && toolCalls,
                scope == null ? "tenant" : scope,
                providerPrompt,
                semantic);
    }

    /** An enabled response-cache policy (provider prompt cache {@code auto}), for tests and the embedded defaults. */
    public static CacheConfig enabled(Duration ttl, double minCostUsd) {
        return new CacheConfig(true, ttl, minCostUsd, 1.0, false, "tenant", null, null);
    }

    /** This policy with a semantic cache. */
    public CacheConfig withSemantic(SemanticCacheConfig value) {
        return new CacheConfig(enabled, ttl, minCostUsd, maxTemperature, toolCalls, scope, providerPrompt, value);
    }

    /** Whether similar prompts are looked up on an exact miss: the response cache and its semantic mode are on. */
    public boolean semanticOn() {
        return enabled && semantic.enabled();
    }

    /** Whether answers are kept per key rather than per tenant. */
    public boolean perKey() {
        return "key".equals(scope);
    }

    /** The provider prompt-cache setting; {@link ProviderPromptCache#AUTO} when unset (validated at load). */
    public ProviderPromptCache providerPromptCache() {
        return ProviderPromptCache.parse(providerPrompt).orElse(ProviderPromptCache.AUTO);
    }
}
