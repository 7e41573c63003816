package dev.meridian.server.config;

import java.util.List;
import java.util.Map;

/** Checks the response cache's settings: the tiers and each group's response-cache policy. */
final class CacheValidator {

    private CacheValidator() {}

    static void cache(MeridianConfig c, List<String> problems) {
        ResponseCacheConfig t = c.cache();
        if (t.maxSize() < 1) {
            problems.add("cache.maxSize: must be at least 1 byte");
        }
        if (t.maxEntrySize() < 1 || t.maxEntrySize() > t.maxSize()) {
            problems.add("cache.maxEntrySize: must be between 1 byte and cache.maxSize");
        }
        if (t.redisTimeout().isNegative() || t.redisTimeout().isZero()) {
            problems.add("cache.redisTimeout: must be positive");
        }
        // The shared tier's Redis is redis.url, which ConfigValidator checks for budgets and limits too.
        for (Map.Entry<String, ModelConfig> e : c.models().entrySet()) {
            String key = "models." + e.getKey() + ".cache";
            policy(key, e.getValue().cache(), problems);
            SemanticValidator.semantic(
                    key + ".semantic", e.getKey(), e.getValue().cache(), c, problems);
        }
    }

    private static void policy(String key, CacheConfig p, List<String> problems) {
        if (p.ttl().isNegative() || p.ttl().isZero()) {
            problems.add(key + ".ttl: must be positive (to stop caching, set enabled: false)");
        } else if (p.ttl().toMillis() < 1000) {
            problems.add(key + ".ttl: must be at least 1s (ages are counted in seconds)");
        }
        if (!(p.minCostUsd() >= 0) || Double.isInfinite(p.minCostUsd())) {
            problems.add(key + ".minCostUsd: must be 0 or more US dollars");
        }
        if (!(p.maxTemperature() >= 0 && p.maxTemperature() <= 2)) {
            problems.add(key + ".maxTemperature: must be between 0 and 2");
        }
        if (!p.scope().equals("tenant") && !p.scope().equals("key")) {
            problems.add(key + ".scope: '" + p.scope() + "' is neither tenant nor key");
        }
    }
}
