package dev.meridian.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.Usage;
import dev.meridian.server.config.ResponseCacheConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process tier on a fake clock: per-entry expiry, the byte bound, purges and what the metrics count. */
class ResponseCacheTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ResponseCache cache = new ResponseCache(
            new ResponseCacheConfig(64 * 1024, 16 * 1024, Duration.ofMillis(50), "t:"), Map.of(), registry, now::get);

    private CachedAnswer answer(String tenant, String group, String fingerprint, int bytes, long ttlMillis) {
        CacheKey key = CacheKey.of(tenant, "key-1", false, group, fingerprint);
        return new CachedAnswer(
                key, new byte[bytes], now.get(), now.get() + ttlMillis, 0.02, new Usage(10, 20, 0, 0, 0));
    }

    private CachedAnswer lookup(CacheKey key) {
        return cache.lookup(key, -1).result();
    }

    @Test
    void lookup_servesUntilTheEntrysOwnExpiry() {
        CachedAnswer shortLived = answer("t1", "gpt", "a", 100, 1_000);
        CachedAnswer longLived = answer("t1", "gpt", "b", 100, 60_000);
        cache.store(shortLived);
        cache.store(longLived);
        now.addAndGet(999);
        assertThat(lookup(shortLived.key())).isSameAs(shortLived);
        now.addAndGet(2);
        assertThat(lookup(shortLived.key())).isNull();
        assertThat(lookup(longLived.key())).isSameAs(longLived);
        assertThat(registry.get("meridian_cache_hits_total")
                        .tag("tenant", "t1")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("meridian_cache_misses_total").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("meridian_cache_saved_usd_total").counter().count())
                .isEqualTo(0.04);
    }

    @Test
    void lookup_olderThanTheCallersMaxAge_isAMiss() {
        CachedAnswer a = answer("t1", "gpt", "a", 100, 60_000);
        cache.store(a);
        now.addAndGet(10_000);
        assertThat(cache.lookup(a.key(), 10).result()).isSameAs(a);
        now.addAndGet(1);
        assertThat(cache.lookup(a.key(), 10).result()).isNull();
    }

    @Test
    void lookup_withMaxAgeZero_isAMissEvenInTheMillisecondOfTheStore() {
        CachedAnswer a = answer("t1", "gpt", "a", 100, 60_000);
        cache.store(a);
        assertThat(cache.lookup(a.key(), 0).result()).isNull();
        assertThat(cache.lookup(a.key(), -1).result()).isSameAs(a);
    }

    @Test
    void store_beyondTheByteBound_evictsAndCounts() {
        for (int i = 0; i < 20; i++) {
            cache.store(answer("t1", "gpt", "f" + i, 8 * 1024, 60_000));
        }
        assertThat(cache.localEntries()).isLessThanOrEqualTo(7);
        assertThat(registry.get("meridian_cache_bytes").gauge().value()).isLessThanOrEqualTo(64 * 1024);
        assertThat(registry.get("meridian_cache_evictions_total")
                        .tag("model", "gpt")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(13);
    }

    @Test
    void purge_byTenantByModelOrAll() {
        cache.store(answer("t1", "gpt", "a", 10, 60_000));
        cache.store(answer("t1", "claude", "a", 10, 60_000));
        cache.store(answer("t10", "gpt", "a", 10, 60_000));
        cache.store(answer(null, "gpt", "a", 10, 60_000));
        assertThat(cache.purge("t1", null).result()).isEqualTo(2);
        assertThat(lookup(CacheKey.of("t10", "key-1", false, "gpt", "a")))
                .as("t10 is not t1")
                .isNotNull();
        assertThat(cache.purge(null, "gpt").result()).isEqualTo(2);
        assertThat(cache.localEntries()).isZero();
        cache.store(answer("t2", "x", "a", 10, 60_000));
        assertThat(cache.purge(null, null).result()).isEqualTo(1);
    }

    @Test
    void keys_ofTenantsAndConfigurationKeys_neverCoincide() {
        assertThat(CacheKey.of("t1", "k", false, "g", "f").text()).isEqualTo("t/t1:g:f");
        assertThat(CacheKey.of("t1", "k", true, "g", "f").text()).isEqualTo("t/t1/k/k:g:f");
        assertThat(CacheKey.of(null, "tests", false, "g", "f").text()).isEqualTo("config:g:f");
        assertThat(CacheKey.of(null, "tests", true, "g", "f").text()).isEqualTo("config/tests:g:f");
        assertThat(CacheKey.of("a:b", "k", false, "g*", "f").text()).isEqualTo("t/a%3Ab:g%2A:f");
    }

    @Test
    void sharedTierValue_roundTrips() {
        CachedAnswer a = new CachedAnswer(
                CacheKey.of("t1", "k", false, "g", "f"),
                "{\"id\":\"x\"}".getBytes(),
                5,
                10,
                0.25,
                new Usage(3, 4, 1, 2, 5));
        CachedAnswer back = CachedAnswer.fromBytes(a.key(), a.toBytes());
        assertThat(back.body()).isEqualTo(a.body());
        assertThat(back.storedAtMillis()).isEqualTo(5);
        assertThat(back.expiresAtMillis()).isEqualTo(10);
        assertThat(back.costUsd()).isEqualTo(0.25);
        assertThat(back.usage()).isEqualTo(new Usage(3, 4, 1, 2, 5));
        assertThat(CachedAnswer.fromBytes(a.key(), "not ours".getBytes())).isNull();
    }
}
