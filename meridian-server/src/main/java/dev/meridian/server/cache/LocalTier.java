package dev.meridian.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The in-process tier: Caffeine bounded by the bytes of the answers it holds, each entry living until its own
 * expiry. Evictions for size are counted; maintenance runs on the calling thread, so nothing here starts threads.
 * Thread-safe; every call is a few map operations, safe on an event loop.
 */
final class LocalTier {

    private final Cache<CacheKey, CachedAnswer> entries;
    private final LongSupplier clockMillis;

    LocalTier(long maxBytes, LongSupplier clockMillis, CacheMetrics metrics) {
        this.clockMillis = clockMillis;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey k, CachedAnswer a) -> a.weight())
                .expireAfter(new Expiry<CacheKey, CachedAnswer>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, CachedAnswer a, long now) {
                        return TimeUnit.MILLISECONDS.toNanos(
                                Math.max(0, a.expiresAtMillis() - clockMillis.getAsLong()));
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, CachedAnswer a, long now, long current) {
                        return expireAfterCreate(key, a, now);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, CachedAnswer a, long now, long current) {
                        return current;
                    }
                })
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clockMillis.getAsLong()))
                .executor(Runnable::run)
                .removalListener((CacheKey k, CachedAnswer a, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE && a != null) {
                        metrics.evicted(a);
                    }
                })
                .build();
    }

    /** The live answer stored under {@code key}, or null. */
    CachedAnswer get(CacheKey key) {
        CachedAnswer a = entries.getIfPresent(key);
        return a == null || a.expiresAtMillis() <= clockMillis.getAsLong() ? null : a;
    }

    void put(CachedAnswer answer) {
        entries.put(answer.key(), answer);
    }

    void remove(CacheKey key) {
        entries.invalidate(key);
    }

    /** Removes every entry whose key matches; returns how many. */
    long purge(Predicate<CacheKey> which) {
        long[] removed = {0};
        entries.asMap().keySet().removeIf(k -> {
            boolean hit = which.test(k);
            if (hit) {
                removed[0]++;
            }
            return hit;
        });
        return removed[0];
    }

    long size() {
        return entries.estimatedSize();
    }

    /** The bytes held, as the weigher counts them. */
    long weight() {
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** Runs pending maintenance now (tests, and before reading the size). */
    void cleanUp() {
        entries.cleanUp();
    }
}
