package dev.meridian.server.limits.redis;

import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.LocalLimits;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis while it answers, this process's counters while it does not: a Redis failure or an answer slower than the
 * timeout never fails a request. At the first failure the gateway logs one WARN, sets
 * {@code meridian_limits_redis_available} to 0, starts fresh local counters (each window seeded from the request
 * log, so they start from what every replica had logged) and probes Redis every second. When Redis answers again,
 * the spend this replica counted locally meanwhile is added to the Redis windows (those that still exist: a lost
 * one is seeded from the request log, which holds that spend already), and Redis is used again.
 *
 * <p>Every call settles in the store that reserved it. A settle that fails against Redis counts its use in the
 * outage ledger, added to Redis on recovery (it may then count twice if Redis had applied it: never under).
 */
public final class FailoverLimits implements LimitStore {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverLimits.class);
    private static final long PROBE_MILLIS = 1_000;

    private final Vertx vertx;
    private final RedisLimits redis;
    private final Supplier<LocalLimits> newLocal;
    private final long timeoutMillis;
    private final Clock clock;
    private final Counter fallbacks;
    private final Map<String, LimitStore> reservedBy = new ConcurrentHashMap<>();
    /** Spend counted while Redis was away, by Redis window key; guarded by {@code this}. */
    private Map<String, Long> ledger = new HashMap<>();

    private volatile boolean available = true;
    private volatile LocalLimits local;
    private boolean probing;

    public FailoverLimits(
            Vertx vertx,
            RedisLimits redis,
            Supplier<LocalLimits> newLocal,
            Duration timeout,
            MeterRegistry registry,
            Clock clock) {
        this.vertx = vertx;
        this.redis = redis;
        this.newLocal = newLocal;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
        this.local = newLocal.get();
        Gauge.builder("meridian_limits_redis_available", this, f -> f.available ? 1 : 0)
                .description("1 while the limit counters live in Redis, 0 while this replica uses local ones")
                .register(registry);
        this.fallbacks = Counter.builder("meridian_limits_redis_fallbacks")
                .description("Reservations made on local counters because Redis was unreachable or slow")
                .register(registry);
    }

    /** Whether the counters live in Redis now (for readiness details). */
    public boolean redisAvailable() {
        return available;
    }

    @Override
    public Future<Verdict> reserve(String callId, List<Meter.Claim> claims, long holdMillis) {
        if (!available) {
            return reserveLocally(callId, claims, holdMillis);
        }
        return redis.reserve(callId, claims, holdMillis)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .map(v -> {
                    if (v.ok()) {
                        reservedBy.put(callId, redis);
                    }
                    return v;
                })
                .recover(e -> {
                    down(e);
                    // The reservation may have been made after all: give it back once Redis answers.
                    redis.release(callId, claims);
                    return reserveLocally(callId, claims, holdMillis);
                });
    }

    private Future<Verdict> reserveLocally(String callId, List<Meter.Claim> claims, long holdMillis) {
        fallbacks.increment();
        LocalLimits store = local;
        return store.reserve(callId, claims, holdMillis).map(v -> {
            if (v.ok()) {
                reservedBy.put(callId, store);
            }
            return v;
        });
    }

    @Override
    public Future<long[]> settle(String callId, List<Meter.Claim> claims, long[] used) {
        LimitStore store = reservedBy.remove(callId);
        if (store == redis) {
            return redis.settle(callId, claims, used)
                    .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                    .recover(e -> {
                        down(e);
                        counted(claims, used);
                        return Future.succeededFuture(new long[claims.size()]);
                    });
        }
        if (store == null) {
            return Future.succeededFuture(new long[claims.size()]);
        }
        counted(claims, used);
        return store.settle(callId, claims, used);
    }

    @Override
    public Future<Reading> read(Meter meter) {
        if (!available) {
            return local.read(meter);
        }
        return redis.read(meter).timeout(timeoutMillis, TimeUnit.MILLISECONDS).recover(e -> {
            down(e);
            return local.read(meter);
        });
    }

    @Override
    public boolean likelyFits(Meter meter, long amount) {
        return available ? redis.likelyFits(meter, amount) : local.likelyFits(meter, amount);
    }

    /** Spend Redis has not seen: sent now when Redis is back, else kept for the reconciliation. */
    private void counted(List<Meter.Claim> claims, long[] used) {
        Map<String, Long> spend = new HashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            Meter m = claims.get(i).meter();
            if (m.kind() == Meter.Kind.WINDOW && used[i] > 0) {
                spend.merge(redis.windowKey(m, clock.instant()), used[i], Long::sum);
            }
        }
        if (spend.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (!available) {
                spend.forEach((k, v) -> ledger.merge(k, v, Long::sum));
                return;
            }
        }
        send(spend);
    }

    private void send(Map<String, Long> spend) {
        if (spend.isEmpty()) {
            return;
        }
        redis.addSpent(spend).timeout(timeoutMillis, TimeUnit.MILLISECONDS).onFailure(e -> {
            down(e);
            synchronized (this) {
                spend.forEach((k, v) -> ledger.merge(k, v, Long::sum));
            }
        });
    }

    private void down(Throwable cause) {
        synchronized (this) {
            if (!available) {
                return;
            }
            available = false;
            local = newLocal.get();
        }
        LOG.warn(
                "Redis is unreachable ({}): budgets and rate limits use this replica's counters until it is back",
                cause.toString());
        probe();
    }

    private void probe() {
        synchronized (this) {
            if (probing) {
                return;
            }
            probing = true;
        }
        vertx.setTimer(
                PROBE_MILLIS,
                id -> redis.ping()
                        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .compose(v -> reconcile())
                        .onComplete(ar -> {
                            synchronized (this) {
                                probing = false;
                            }
                            if (ar.failed()) {
                                probe();
                            }
                        }));
    }

    /** Adds the outage's spend to Redis, then uses Redis again; on failure the ledger is kept for the next try. */
    private Future<Void> reconcile() {
        Map<String, Long> spend;
        synchronized (this) {
            spend = ledger;
            ledger = new HashMap<>();
        }
        return redis.addSpent(spend)
                .timeout(timeoutMillis * 4, TimeUnit.MILLISECONDS)
                .onSuccess(v -> {
                    Map<String, Long> late;
                    synchronized (this) {
                        available = true;
                        late = ledger;
                        ledger = new HashMap<>();
                    }
                    long total =
                            spend.values().stream().mapToLong(Long::longValue).sum();
                    LOG.info(
                            "Redis is back: the local spend of {} windows ({} nano-dollars or tokens) was added to"
                                    + " it; budgets and rate limits use Redis again",
                            spend.size(),
                            total);
                    // Calls that settled locally while the first batch was on its way.
                    send(late);
                })
                .onFailure(e -> {
                    synchronized (this) {
                        spend.forEach((k, v) -> ledger.merge(k, v, Long::sum));
                    }
                });
    }
}
