package dev.meridian.server.cache;

import dev.meridian.server.config.CacheConfig;
import dev.meridian.server.config.ModelConfig;
import dev.meridian.server.config.ResponseCacheConfig;
import dev.meridian.store.crypto.KeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact response cache: each group's policy, the in-process tier and, when {@code redis.url} is set, the shared
 * tier. Reads go local first, then shared (a shared hit is copied locally for what remains of its TTL); writes go to
 * both. The shared tier can only make a lookup slower by its timeout, never fail it. Groups with a semantic cache
 * also have an index of their prompts ({@link #semantic()}), whose matches point at entries of this cache and which
 * every purge clears too. Thread-safe; the futures it returns complete on the caller's context.
 */
public final class ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

    private final ResponseCacheConfig config;
    private final Map<String, CacheConfig> policies;
    private final LongSupplier clock;
    private final CacheMetrics metrics;
    private final LocalTier local;
    private final SemanticCache semantic;
    private volatile RedisTier shared;

    public ResponseCache(
            ResponseCacheConfig config, Map<String, ModelConfig> groups, MeterRegistry registry, LongSupplier clock) {
        this.config = config;
        this.policies = groups.entrySet().stream()
                .filter(e -> e.getValue().cache().enabled())
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> e.getValue().cache()));
        this.clock = clock;
        this.metrics = new CacheMetrics(registry);
        this.local = new LocalTier(config.maxSize(), clock, metrics);
        metrics.bind(local);
        long heap = Runtime.getRuntime().maxMemory();
        if (!policies.isEmpty() && config.maxSize() > heap / 2) {
            LOG.warn(
                    "cache.maxSize is {} MiB but the Java heap is {} MiB: a full in-process cache would leave too little"
                            + " for requests. Raise the heap (MERIDIAN_HEAP) or lower cache.maxSize to a quarter of it.",
                    config.maxSize() >> 20,
                    heap >> 20);
        }
        this.semantic = new SemanticCache(policies, clock, registry);
    }

    /**
     * Starts the shared tier on {@code redis}, the gateway's Redis client, when there is one (null: none; the
     * connection itself opens on first use). With a current key in {@code keys} its entries are sealed.
     */
    public void start(Vertx vertx, Redis redis, KeyRing keys) {
        semantic.start(vertx);
        if (redis != null) {
            shared = new RedisTier(
                    vertx, redis, config.keyPrefix(), config.redisTimeout(), metrics, keys, (tenant, group) -> {
                        local.purge(matching(tenant, group));
                        semantic.purge(tenant, group);
                    });
        }
    }

    public void close() {
        semantic.close();
        RedisTier s = shared;
        if (s != null) {
            s.close();
        }
    }

    /** The group's policy, or null when the group is not cached. */
    public CacheConfig policy(String group) {
        return policies.get(group);
    }

    /** The semantic indexes of the groups that have one. */
    public SemanticCache semantic() {
        return semantic;
    }

    /** The largest answer worth storing, in bytes. */
    public long maxEntrySize() {
        return config.maxEntrySize();
    }

    public long nowMillis() {
        return clock.getAsLong();
    }

    /**
     * The answer stored under {@code key} no older than {@code maxAgeSeconds} (negative: any age), or null; counts
     * the hit (with what it saves) or the miss.
     */
    public Future<CachedAnswer> lookup(CacheKey key, long maxAgeSeconds) {
        return find(key, maxAgeSeconds).map(found -> {
            counted(key, found);
            return found;
        });
    }

    /** As {@link #lookup}, uncounted: the caller counts the result once it is decided ({@link #counted}). */
    public Future<CachedAnswer> find(CacheKey key, long maxAgeSeconds) {
        CachedAnswer found = local.get(key);
        if (found != null || shared == null) {
            return Future.succeededFuture(fresh(found, maxAgeSeconds));
        }
        Context context = Vertx.currentContext();
        Promise<CachedAnswer> result = Promise.promise();
        shared.get(key).onComplete(ar -> {
            CachedAnswer a = ar.succeeded() ? ar.result() : null;
            if (a != null && a.expiresAtMillis() > nowMillis()) {
                local.put(a);
            } else {
                a = null;
            }
            CachedAnswer answer = fresh(a, maxAgeSeconds);
            if (context == null || Vertx.currentContext() == context) {
                result.complete(answer);
            } else {
                context.runOnContext(v -> result.complete(answer));
            }
        });
        return result.future();
    }

    private CachedAnswer fresh(CachedAnswer found, long maxAgeSeconds) {
        // By the millisecond (an age of exactly N seconds still serves max-age=N, as RFC 9111 reads), except that
        // max-age=0 asks for revalidation, which a gateway can only do by asking upstream: it never serves a stored
        // answer, even one stored within the same millisecond (a fast upstream makes that happen).
        if (found != null
                && maxAgeSeconds >= 0
                && (maxAgeSeconds == 0 || nowMillis() - found.storedAtMillis() > maxAgeSeconds * 1000)) {
            return null;
        }
        return found;
    }

    /** Counts a lookup under {@code key}: a hit on {@code found} (with what it saves), or a miss when null. */
    public void counted(CacheKey key, CachedAnswer found) {
        if (found == null) {
            metrics.miss(key);
        } else {
            metrics.hit(key, found.costUsd());
        }
    }

    /** Drops an entry from the in-process tier (one that could not be read back). */
    public void drop(CacheKey key) {
        local.remove(key);
    }

    /** Stores an answer in both tiers; the shared write goes on in the background. */
    public void store(CachedAnswer answer) {
        local.put(answer);
        metrics.stored(answer);
        RedisTier s = shared;
        if (s != null) {
            s.put(answer, nowMillis());
        }
    }

    /**
     * Removes stored answers: of one tenant, of one model group, of both together, or (both null) all of them, in
     * both tiers. Fails when the shared tier could not be purged (the local one is purged regardless).
     *
     * @return how many answers were removed, counting each tier's copy
     */
    public Future<Long> purge(String tenantId, String group) {
        long removed = local.purge(matching(tenantId, group));
        semantic.purge(tenantId, group);
        RedisTier s = shared;
        if (s == null) {
            return Future.succeededFuture(removed);
        }
        String g = group == null ? "*" : CacheKey.escape(group);
        Future<Long> purged;
        if (tenantId == null) {
            purged = s.purge("*:" + g + ":*");
        } else {
            // The tenant's own namespace and its keys' namespaces (t/<id>/k/<key>), not another tenant whose id
            // starts with this one's.
            String ns = CacheKey.escape("t/" + tenantId);
            purged = s.purge(ns + ":" + g + ":*")
                    .compose(n -> s.purge(ns + "/k/*:" + g + ":*").map(m -> n + m));
        }
        return purged.compose(n -> s.announcePurge(tenantId, group).map(n + removed));
    }

    private static Predicate<CacheKey> matching(String tenantId, String group) {
        return k -> (tenantId == null || tenantId.equals(k.tenantId())) && (group == null || group.equals(k.group()));
    }

    /** Entries in the in-process tier (for tests and the admin API). */
    public long localEntries() {
        local.cleanUp();
        return local.size();
    }
}
