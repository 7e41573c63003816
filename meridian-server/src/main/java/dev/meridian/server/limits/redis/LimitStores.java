package dev.meridian.server.limits.redis;

import dev.meridian.server.config.RedisConfig;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.LocalLimits;
import dev.meridian.server.limits.Seeder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.function.Supplier;

/** Builds the gateway's limit store from its configuration: local counters, or Redis with local failover. */
public final class LimitStores {

    private LimitStores() {}

    /** The store, and how readiness describes it. */
    public record Built(LimitStore store, Supplier<String> status) {}

    /** @param redis the gateway's Redis client; null when {@code config} names no Redis */
    public static Built create(Vertx vertx, RedisConfig config, Redis redis, Seeder seeder, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        if (!config.enabled()) {
            return new Built(new LocalLimits(vertx, seeder, clock), () -> "local");
        }
        RedisLimits shared = new RedisLimits(vertx, redis, config.keyPrefix(), seeder, clock);
        FailoverLimits store = new FailoverLimits(
                vertx, shared, () -> new LocalLimits(vertx, seeder, clock), config.timeout(), registry, clock);
        return new Built(store, () -> store.redisAvailable() ? "redis" : "local: redis unreachable");
    }
}
