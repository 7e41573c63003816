package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model group's semantic cache ({@code models.<name>.cache.semantic}): on an exact-cache miss, the request's
 * message text is embedded by {@code embeddingModel} and the nearest earlier prompt of the same caller namespace,
 * group and other fields, at or above {@code threshold} cosine similarity, is answered from the cache. Off unless
 * {@code enabled}, and only where the group's response cache is enabled.
 *
 * @param enabled        look up similar prompts on an exact miss (default false)
 * @param embeddingModel the public model group that embeds the prompts: an embeddings group of this gateway
 * @param threshold      the least cosine similarity that counts as the same question, in (0, 1] (default 0.95)
 * @param maxEntries     the most prompts the group's index holds; the oldest goes first (default 10000)
 * @param dimensions     the vector size asked of the embedding model (OpenAI's {@code dimensions}), or null for the
 *                       model's own: fewer cost less memory and search time
 */
public record SemanticCacheConfig(
        boolean enabled, String embeddingModel, double threshold, int maxEntries, Integer dimensions) {

    /** Not configured: off. */
    public static final SemanticCacheConfig OFF = fromYaml(null, null, null, null, null);

    @JsonCreator
    static SemanticCacheConfig fromYaml(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("embeddingModel") String embeddingModel,
            @JsonProperty("threshold") Double threshold,
            @JsonProperty("maxEntries") Integer maxEntries,
            @JsonProperty("dimensions") Integer dimensions) {
        return new SemanticCacheConfig(
                enabled != null && enabled,
                embeddingModel,
                threshold == null ? 0.95 : threshold,
                maxEntries == null ? 10_000 : maxEntries,
                dimensions);
    }

    /** An enabled semantic cache, for tests and examples. */
    public static SemanticCacheConfig enabled(String embeddingModel, double threshold, int maxEntries) {
        return new SemanticCacheConfig(true, embeddingModel, threshold, maxEntries, null);
    }
}
