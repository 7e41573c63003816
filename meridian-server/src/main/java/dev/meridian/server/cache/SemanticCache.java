package dev.meridian.server.cache;

import dev.meridian.server.cache.semantic.SemanticIndex;
import dev.meridian.server.config.CacheConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The semantic side of the response cache: for each group whose policy turns it on, a {@link SemanticIndex} of the
 * prompts whose answers were stored, each pointing at its answer's exact key. A match is only a pointer: the answer
 * is read from the exact cache, in the caller's own namespace, so an answer evicted, expired or purged there is never
 * served, and no match can reach another tenant's answer even in principle. Searches run on a worker thread.
 * Thread-safe.
 *
 * <ul>
 *   <li>{@code meridian_cache_semantic_lookups_total{model,result}}: {@code hit}, {@code miss} (nothing similar
 *       enough, or its answer gone) and {@code error} (the embedding call or the search failed: a miss)</li>
 *   <li>{@code meridian_cache_semantic_entries{model}}, {@code meridian_cache_semantic_bytes{model}}: the index</li>
 * </ul>
 */
public final class SemanticCache implements AutoCloseable {

    /** A similar earlier prompt: its answer's exact key and its cosine similarity to the caller's. */
    public record Match(CacheKey answer, double similarity) {}

    private final Map<String, SemanticIndex> indexes = new HashMap<>();
    private final MeterRegistry registry;
    private final Map<String, Counter> lookups = new ConcurrentHashMap<>();
    private volatile Vertx vertx;

    SemanticCache(Map<String, CacheConfig> policies, LongSupplier clock, MeterRegistry registry) {
        this.registry = registry;
        policies.forEach((group, policy) -> {
            if (policy.semanticOn()) {
                SemanticIndex index = new SemanticIndex(group, policy.semantic().maxEntries(), clock);
                indexes.put(group, index);
                Gauge.builder("meridian_cache_semantic_entries", index, SemanticIndex::entries)
                        .tag("model", group)
                        .register(registry);
                Gauge.builder("meridian_cache_semantic_bytes", index, SemanticIndex::ramBytes)
                        .tag("model", group)
                        .register(registry);
            }
        });
    }

    void start(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Whether {@code group} has a semantic index. */
    public boolean on(String group) {
        return indexes.containsKey(group);
    }

    /**
     * The stored prompt nearest to {@code vector} among those of the caller's namespace and group whose other fields
     * digest to {@code rest}, when at least {@code threshold} similar; null otherwise. The search runs on a worker
     * thread; the future completes on the caller's context. Fails when the search fails (a vector of another
     * dimension than the index's, say).
     *
     * @param key the caller's exact key: its namespace and group say where to look
     */
    public Future<Match> nearest(CacheKey key, String rest, float[] vector, double threshold) {
        SemanticIndex index = indexes.get(key.group());
        if (index == null) {
            return Future.succeededFuture();
        }
        String partition = partition(key, rest);
        return vertx.executeBlocking(() -> index.nearest(partition, vector, threshold), false)
                .map(m -> m == null
                        ? null
                        : new Match(
                                new CacheKey(key.namespace(), key.tenantId(), key.group(), m.ref()), m.similarity()));
    }

    /** Indexes the prompt whose answer was stored under {@code answer}, for as long as the answer lives. */
    public void add(CacheKey answer, String rest, float[] vector, long expiresAtMillis) {
        SemanticIndex index = indexes.get(answer.group());
        if (index != null) {
            index.add(partition(answer, rest), answer.tenantId(), answer.fingerprint(), vector, expiresAtMillis);
        }
    }

    /** Forgets a match whose answer is gone from the exact cache. */
    public void forget(Match match, String rest) {
        SemanticIndex index = indexes.get(match.answer().group());
        if (index != null) {
            index.remove(partition(match.answer(), rest), match.answer().fingerprint());
        }
    }

    /** Counts a lookup's result: hit, miss or error. */
    public void counted(String group, String result) {
        lookups.computeIfAbsent(
                        group + '\n' + result,
                        k -> Counter.builder("meridian_cache_semantic_lookups_total")
                                .tag("model", group)
                                .tag("result", result)
                                .register(registry))
                .increment();
    }

    /** Removes the entries of one tenant, of one group, of both, or (both null) all. */
    void purge(String tenantId, String group) {
        indexes.forEach((g, index) -> {
            if (group == null || group.equals(g)) {
                index.purge(tenantId);
            }
        });
    }

    /** The index of {@code group}, or null (tests). */
    public SemanticIndex index(String group) {
        return indexes.get(group);
    }

    @Override
    public void close() {
        indexes.values().forEach(SemanticIndex::close);
    }

    private static String partition(CacheKey key, String rest) {
        return CacheKey.escape(key.namespace()) + ':' + CacheKey.escape(key.group()) + ':' + rest;
    }
}
