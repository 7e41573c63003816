package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Cache policies and tiers bind with documented defaults, and every bad value is refused naming its key. */
class CacheConfigTest {

    private static final Function<String, String> ENV = Map.<String, String>of()::get;

    private static final String PROVIDERS = """
            providers:
              openai:
                type: openai
                apiKey: sk-test-not-a-real-key-000000
            """;

    @Test
    void parse_noCacheKeys_cachingIsOff() {
        MeridianConfig c =
                ConfigLoader.parse(PROVIDERS + "models:\n  gpt:\n    provider: openai\n    model: gpt-4o\n", ENV);
        assertThat(c.models().get("gpt").cache()).isEqualTo(CacheConfig.DEFAULTS);
        assertThat(c.models().get("gpt").cache().enabled()).isFalse();
        assertThat(c.cache()).isEqualTo(ResponseCacheConfig.defaults());
        assertThat(c.redis().enabled()).isFalse();
    }

    @Test
    void defaultMaxSize_isAQuarterOfTheHeap_atMost256MiB() {
        assertThat(ResponseCacheConfig.defaultMaxSize(128L << 20))
                .as("the launcher's heap")
                .isEqualTo(32L << 20);
        assertThat(ResponseCacheConfig.defaultMaxSize(4L << 30)).isEqualTo(256L << 20);
        assertThat(ResponseCacheConfig.defaultMaxSize(2L << 20)).isEqualTo(1L << 20);
        assertThat(ResponseCacheConfig.defaults().maxSize())
                .isEqualTo(
                        ResponseCacheConfig.defaultMaxSize(Runtime.getRuntime().maxMemory()));
        assertThat(ResponseCacheConfig.defaults().maxEntrySize()).isLessThanOrEqualTo(1L << 20);
    }

    @Test
    void parse_policyTiersAndRedis() {
        MeridianConfig c = ConfigLoader.parse(PROVIDERS + """
                models:
                  gpt:
                    provider: openai
                    model: gpt-4o
                    cache: {enabled: true, ttl: 2h, minCostUsd: 0.005, maxTemperature: 0.3, toolCalls: true, scope: key, providerPrompt: "off"}
                cache:
                  maxSize: 64MiB
                  maxEntrySize: 256KiB
                  redisTimeout: 20ms
                  keyPrefix: "test:"
                redis:
                  url: redis://127.0.0.1:6379
                """, ENV);
        assertThat(c.models().get("gpt").cache())
                .isEqualTo(new CacheConfig(true, Duration.ofHours(2), 0.005, 0.3, true, "key", "off", null));
        assertThat(c.cache()).isEqualTo(new ResponseCacheConfig(64L << 20, 256L << 10, Duration.ofMillis(20), "test:"));
        assertThat(c.redis().url()).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void parse_badPolicy_namesEachKey() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + """
                        models:
                          gpt:
                            provider: openai
                            model: gpt-4o
                            cache: {enabled: true, ttl: 0s, minCostUsd: -1, maxTemperature: 3, scope: team, providerPrompt: always}
                        cache:
                          maxEntrySize: 2GiB
                        redis:
                          url: http://localhost:6379
                        """, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.gpt.cache.ttl: must be positive")
                .hasMessageContaining("models.gpt.cache.minCostUsd: must be 0 or more")
                .hasMessageContaining("models.gpt.cache.maxTemperature: must be between 0 and 2")
                .hasMessageContaining("models.gpt.cache.scope: 'team' is neither tenant nor key")
                .hasMessageContaining("cache.maxEntrySize: must be between 1 byte and cache.maxSize")
                .hasMessageContaining("models.gpt.cache.providerPrompt: 'always' is unknown; one of auto, off")
                .hasMessageContaining("redis.url: 'http://localhost:6379' must start with redis:// or rediss://");
    }

    @Test
    void parse_semantic_bindsWithDefaults() {
        MeridianConfig c = ConfigLoader.parse(PROVIDERS + """
                models:
                  embed:
                    provider: openai
                    model: text-embedding-3-small
                  gpt:
                    provider: openai
                    model: gpt-4o
                    cache: {enabled: true, semantic: {enabled: true, embeddingModel: embed}}
                """, ENV);
        assertThat(c.models().get("gpt").cache().semantic())
                .isEqualTo(SemanticCacheConfig.enabled("embed", 0.95, 10_000));
        assertThat(c.models().get("gpt").cache().semanticOn()).isTrue();
        assertThat(c.models().get("embed").cache().semantic()).isEqualTo(SemanticCacheConfig.OFF);
    }

    @Test
    void parse_badSemanticPolicy_namesEachKey() {
        assertThatThrownBy(() -> ConfigLoader.parse(PROVIDERS + """
                        models:
                          gpt:
                            provider: openai
                            model: gpt-4o
                            cache:
                              enabled: true
                              semantic: {enabled: true, embeddingModel: gpt, threshold: 1.5, maxEntries: 0, dimensions: 5000}
                          unpriced:
                            provider: openai
                            model: my-own-model
                          other:
                            provider: openai
                            model: gpt-4o
                            cache: {enabled: true, semantic: {enabled: true, embeddingModel: unpriced}}
                          third:
                            provider: openai
                            model: gpt-4o
                            cache: {enabled: false, semantic: {enabled: true, embeddingModel: nowhere}}
                          fourth:
                            provider: openai
                            model: gpt-4o
                            cache: {enabled: true, semantic: {enabled: true}}
                        """, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "models.gpt.cache.semantic.threshold: must be a cosine similarity above 0 and" + " at most 1")
                .hasMessageContaining("models.gpt.cache.semantic.maxEntries: must be between 1 and 10000000")
                .hasMessageContaining("models.gpt.cache.semantic.dimensions: must be between 1 and 4096")
                .hasMessageContaining("models.gpt.cache.semantic.embeddingModel: 'gpt' is not an embeddings group")
                .hasMessageContaining(
                        "models.other.cache.semantic.embeddingModel: 'unpriced' is not an embeddings" + " group")
                .hasMessageContaining(
                        "models.third.cache.semantic.enabled: the semantic cache needs the response" + " cache")
                .hasMessageContaining("models.third.cache.semantic.embeddingModel: 'nowhere' is not a model group")
                .hasMessageContaining("models.fourth.cache.semantic.embeddingModel: required");
    }

    @Test
    void parse_semanticWithAPricedOwnEmbeddingModel_isAccepted() {
        MeridianConfig c = ConfigLoader.parse(PROVIDERS + """
                models:
                  my-embed:
                    provider: openai
                    model: my-own-embedder
                    price: {input: 0.01, output: 0}
                  gpt:
                    provider: openai
                    model: gpt-4o
                    cache: {enabled: true, semantic: {enabled: true, embeddingModel: my-embed, threshold: 0.9, dimensions: 256}}
                """, ENV);
        assertThat(c.models().get("gpt").cache().semantic().threshold()).isEqualTo(0.9);
        assertThat(c.models().get("gpt").cache().semantic().dimensions()).isEqualTo(256);
    }

    @Test
    void parse_misspelledPolicyKey_isRefusedWithTheNearKey() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                        PROVIDERS
                                + "models:\n  gpt:\n    provider: openai\n    model: gpt-4o\n    cache:\n      tll: 1h\n",
                        ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.gpt.cache.tll: unknown key");
    }
}
