package dev.meridian.server.limits.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.LimitStoreContract;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Seeder;
import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limit store contract on Redis (127.0.0.1:6379), and what only a shared store does: expiry and seeding. */
class RedisLimitsIT extends LimitStoreContract {

    private final Vertx vertx = Vertx.vertx();
    private final TestRedis redis = new TestRedis(vertx);

    @AfterEach
    void close() {
        redis.close();
        vertx.close();
    }

    @Override
    protected RedisLimits store(Seeder seeder) {
        return new RedisLimits(vertx, redis.client(), redis.prefix(), seeder, Clock.systemUTC());
    }

    @Test
    void unsettledReservation_expiresAfterItsHold_andIsReleasedByTheNextReservation() {
        LimitStore store = store(Seeder.NONE);
        Meter budget = window(100);
        assertThat(get(store.reserve(call(), List.of(budget.claim(100)), 200)).ok())
                .isTrue();
        assertThat(get(store.reserve(call(), List.of(budget.claim(1)), HOLD)).ok())
                .isFalse();

        Poll.until(
                () -> get(store.reserve(call(), List.of(budget.claim(100)), HOLD))
                        .ok(),
                Duration.ofSeconds(5),
                "the dead call's reservation expires");
        assertThat(get(store.read(budget)).reserved()).isEqualTo(100);
    }

    @Test
    void lostCounters_areSeededFromTheRequestLog_once() {
        AtomicLong logged = new AtomicLong(400);
        AtomicLong reads = new AtomicLong();
        Seeder seeder = (seed, w) -> {
            reads.incrementAndGet();
            return logged.get();
        };
        LimitStore store = store(seeder);
        Meter budget = window(1_000);
        String call = call();
        List<Meter.Claim> claims = List.of(budget.claim(300));
        assertThat(get(store.reserve(call, claims, HOLD)).ok()).isTrue();
        get(store.settle(call, claims, new long[] {300}));
        assertThat(get(store.read(budget)).spent()).isEqualTo(700);
        assertThat(reads).hasValue(1);

        redis.deleteKeys(); // a flush, of this test's keys only
        logged.set(700); // the request log holds every settled call

        assertThat(get(store.reserve(call(), List.of(budget.claim(301)), HOLD)).ok())
                .isFalse();
        assertThat(reads).hasValue(2);
        assertThat(get(store.reserve(call(), List.of(budget.claim(300)), HOLD)).ok())
                .isTrue();
    }

    @Test
    void replicas_shareOneCount() {
        Vertx other = Vertx.vertx();
        try {
            LimitStore a = store(Seeder.NONE);
            LimitStore b = new RedisLimits(other, redis.client(), redis.prefix(), Seeder.NONE, Clock.systemUTC());
            Meter budget = window(10);
            assertThat(get(a.reserve(call(), List.of(budget.claim(6)), HOLD)).ok())
                    .isTrue();
            assertThat(get(b.reserve(call(), List.of(budget.claim(6)), HOLD)).ok())
                    .isFalse();
            assertThat(get(b.reserve(call(), List.of(budget.claim(4)), HOLD)).ok())
                    .isTrue();
        } finally {
            other.close();
        }
    }

    @Test
    void keys_expire_exceptATotalWindows() {
        LimitStore store = store(Seeder.NONE);
        Meter budget = window(10);
        Meter rpm = rate(10);
        assertThat(get(store.reserve(call(), List.of(budget.claim(1), rpm.claim(1)), HOLD))
                        .ok())
                .isTrue();
        for (String key : redis.keys()) {
            long ttl = redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PTTL)
                            .arg(key))
                    .toLong();
            assertThat(ttl).as(key).isPositive();
        }
    }

    /**
     * Item 7's rate limit, at the store (the admin API for keys' rate limits lands in a parallel branch): three
     * replicas, each its own Vert.x and Redis client, share a 60 RPM bucket: 60 in total, not 180, plus what refills
     * while the test runs (one a second).
     */
    @Test
    void threeReplicas_60Rpm_admit60InTotal() {
        List<Vertx> others = List.of(Vertx.vertx(), Vertx.vertx());
        try {
            List<LimitStore> replicas = new java.util.ArrayList<>();
            replicas.add(store(Seeder.NONE));
            for (Vertx v : others) {
                TestRedis client = new TestRedis(v);
                replicas.add(new RedisLimits(v, client.client(), redis.prefix(), Seeder.NONE, Clock.systemUTC()));
            }
            Meter rpm = rate(60);
            long t0 = System.nanoTime();
            List<io.vertx.core.Future<dev.meridian.server.limits.Verdict>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                calls.add(replicas.get(i % 3).reserve(call(), List.of(rpm.claim(1)), HOLD));
            }
            long admitted = calls.stream()
                    .map(LimitStoreContract::get)
                    .filter(v -> v.ok())
                    .count();
            double elapsedSeconds = (System.nanoTime() - t0) / 1e9;

            assertThat(admitted).isGreaterThanOrEqualTo(60).isLessThanOrEqualTo(60 + (long) elapsedSeconds + 1);
        } finally {
            others.forEach(Vertx::close);
        }
    }
}
