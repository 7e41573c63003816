package dev.meridian.server.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.LocalLimits;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Seeder;
import dev.meridian.server.storage.TcpRelay;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis cut off (a TCP relay in front of 127.0.0.1:6379, closed): calls are still served on local counters and the
 * metrics say so; when Redis is reachable again the spend counted locally meanwhile is added to Redis's windows.
 */
class FailoverLimitsIT {

    private final Vertx vertx = Vertx.vertx();
    private final TestRedis direct = new TestRedis(vertx);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TcpRelay relay;

    @AfterEach
    void close() throws Exception {
        relay.close();
        direct.close();
        vertx.close();
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private double available() {
        return registry.get("meridian_limits_redis_available").gauge().value();
    }

    @Test
    void redisUnreachable_callsUseLocalCounters_andTheirSpendIsAddedToRedisWhenItIsBack() throws Exception {
        relay = new TcpRelay(6379);
        Redis viaRelay = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString("redis://127.0.0.1:" + relay.port())
                        .setMaxPoolWaiting(1024)
                        .setNetClientOptions(new NetClientOptions().setConnectTimeout(250)));
        AtomicLong logged = new AtomicLong();
        Seeder seeder = (seed, w) -> logged.get();
        RedisLimits shared = new RedisLimits(vertx, viaRelay, direct.prefix(), seeder, Clock.systemUTC());
        FailoverLimits store = new FailoverLimits(
                vertx,
                shared,
                () -> new LocalLimits(vertx, seeder, Clock.systemUTC()),
                Duration.ofMillis(250),
                registry,
                Clock.systemUTC());
        String id = "budget:" + UUID.randomUUID();
        Meter budget = Meter.window(
                id,
                1_000,
                BudgetPeriod.MONTH,
                ZoneOffset.UTC,
                new Meter.Seed("t", BudgetScope.TENANT, id, Meter.Unit.NANO_USD));
        RedisLimits reader = new RedisLimits(vertx, direct.client(), direct.prefix(), seeder, Clock.systemUTC());

        spend(store, budget, 100);
        logged.set(100);
        assertThat(get(reader.read(budget)).spent()).isEqualTo(100);
        assertThat(available()).isEqualTo(1.0);

        relay.cut();
        spend(store, budget, 50); // served: the failure is Redis's, never the request's
        assertThat(available()).isZero();
        assertThat(store.redisAvailable()).isFalse();
        assertThat(registry.get("meridian_limits_redis_fallbacks").counter().count())
                .isGreaterThanOrEqualTo(1);
        spend(store, budget, 30);
        assertThat(get(reader.read(budget)).spent())
                .as("Redis has not seen the outage's spend")
                .isEqualTo(100);
        assertThat(get(store.read(budget)).spent())
                .as("the local window started from the log")
                .isEqualTo(180);

        relay.restore();
        Poll.until(() -> available() == 1.0, Duration.ofSeconds(10), "Redis is used again");
        assertThat(get(reader.read(budget)).spent()).isEqualTo(180);
        spend(store, budget, 20);
        assertThat(get(reader.read(budget)).spent()).isEqualTo(200);
    }

    private static void spend(LimitStore store, Meter budget, long amount) throws Exception {
        String call = "call-" + UUID.randomUUID();
        List<Meter.Claim> claims = List.of(budget.claim(amount));
        assertThat(get(store.reserve(call, claims, 60_000)).ok()).isTrue();
        get(store.settle(call, claims, new long[] {amount}));
    }
}
