package dev.meridian.server.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The response cache's Prometheus metrics. Meters per (model group, tenant) are created once and kept, so a
 * lookup records with a map read and an atomic add. Thread-safe.
 *
 * <ul>
 *   <li>{@code meridian_cache_hits_total{model,tenant}}, {@code meridian_cache_misses_total{model,tenant}}</li>
 *   <li>{@code meridian_cache_saved_usd_total{model,tenant}}: what hits would have cost upstream</li>
 *   <li>{@code meridian_cache_stored_bytes_total{model,tenant}}: answers written to the cache</li>
 *   <li>{@code meridian_cache_evictions_total{model}}: answers dropped from the in-process tier for room</li>
 *   <li>{@code meridian_cache_entries}, {@code meridian_cache_bytes}: the in-process tier now</li>
 *   <li>{@code meridian_cache_redis_failures_total{operation}}: shared-tier calls that failed or timed out
 *       (the request went on without the shared tier)</li>
 * </ul>
 */
public final class CacheMetrics {

    /** The tenant label of keys from the configuration file, which have none. */
    static final String NO_TENANT = "config";

    private final MeterRegistry registry;
    private final Map<Labels, Meters> meters = new ConcurrentHashMap<>();
    private final Map<String, Counter> evictions = new ConcurrentHashMap<>();
    private final Map<String, Counter> redisFailures = new ConcurrentHashMap<>();

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record Labels(String group, String tenant) {}

    private record Meters(Counter hits, Counter misses, Counter saved, Counter bytes) {}

    void bind(LocalTier local) {
        gauge("meridian_cache_entries", local, LocalTier::size);
        gauge("meridian_cache_bytes", local, LocalTier::weight);
    }

    private void gauge(String name, LocalTier local, ToDoubleFunction<LocalTier> value) {
        Gauge.builder(name, local, value).strongReference(true).register(registry);
    }

    void hit(CacheKey key, double savedUsd) {
        Meters m = meters(key);
        m.hits.increment();
        m.saved.increment(savedUsd);
    }

    void miss(CacheKey key) {
        meters(key).misses.increment();
    }

    void stored(CachedAnswer answer) {
        meters(answer.key()).bytes.increment(answer.body().length);
    }

    void evicted(CachedAnswer answer) {
        evictions
                .computeIfAbsent(
                        answer.key().group(),
                        g -> Counter.builder("meridian_cache_evictions_total")
                                .tag("model", g)
                                .register(registry))
                .increment();
    }

    void redisFailed(String operation) {
        redisFailures
                .computeIfAbsent(
                        operation,
                        op -> Counter.builder("meridian_cache_redis_failures_total")
                                .tag("operation", op)
                                .register(registry))
                .increment();
    }

    private Meters meters(CacheKey key) {
        Labels labels = new Labels(key.group(), key.tenantId() == null ? NO_TENANT : key.tenantId());
        Meters m = meters.get(labels);
        return m != null ? m : meters.computeIfAbsent(labels, this::create);
    }

    private Meters create(Labels l) {
        return new Meters(
                counter("meridian_cache_hits_total", l),
                counter("meridian_cache_misses_total", l),
                counter("meridian_cache_saved_usd_total", l),
                counter("meridian_cache_stored_bytes_total", l));
    }

    private Counter counter(String name, Labels l) {
        return Counter.builder(name)
                .tag("model", l.group())
                .tag("tenant", l.tenant())
                .register(registry);
    }
}
