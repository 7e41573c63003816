package dev.meridian.server.limits.redis;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Seeder;
import dev.meridian.server.limits.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters in Redis, shared by every replica: each reservation and each settle is one Lua script (one round
 * trip), atomic across all of a call's claims. Time inside the scripts is Redis's ({@code TIME}), so replicas agree
 * on reservation expiry and rate refills; which calendar window a call falls in is computed here, from this
 * process's clock.
 *
 * <p>Layout under the key prefix: {@code w:<meter>:<window start ms>} a hash {spent, reserved} of one window,
 * {@code h:<meter>:<window start ms>} a ZSET of the window's reservations ({@code callId:claim:amount}, scored by
 * the instant it expires), {@code r:<meter>} a rate's bucket {level in thousandths, at}. A window's keys expire a
 * day after it ends (a total budget's never); a rate's two minutes after its last use (it is full by then).
 *
 * <p>A window without a counter (new, expired, or lost in a flush) is seeded from the request log through the
 * {@link Seeder} on a worker, initialised only if still absent, and the reservation is retried.
 */
public final class RedisLimits implements LimitStore {

    private static final LuaScript RESERVE = LuaScript.load("reserve");
    private static final LuaScript SETTLE = LuaScript.load("settle");
    private static final LuaScript SEED = LuaScript.load("seed");
    private static final LuaScript READ = LuaScript.load("read");
    private static final LuaScript ADD = LuaScript.load("add");
    private static final long KEEP_AFTER_END_MILLIS = 24 * 3_600_000L;
    private static final int SEED_ATTEMPTS = 3;

    private final Vertx vertx;
    private final Redis redis;
    private final String prefix;
    private final Seeder seeder;
    private final Clock clock;
    /** The window keys each running call reserved in, so that it settles in those even after a period ends. */
    private final Map<String, List<String>> held = new ConcurrentHashMap<>();
    /** What each window had left at its last reservation here (for {@link #likelyFits}). */
    private final Map<String, Long> lastRemaining = new ConcurrentHashMap<>();

    private final Map<String, Future<Void>> seeding = new ConcurrentHashMap<>();

    /**
     * @param prefix prepended to every key (tests use a unique one and delete only their own keys)
     */
    public RedisLimits(Vertx vertx, Redis redis, String prefix, Seeder seeder, Clock clock) {
        this.vertx = vertx;
        this.redis = redis;
        this.prefix = prefix;
        this.seeder = seeder;
        this.clock = clock;
    }

    @Override
    public Future<Verdict> reserve(String callId, List<Meter.Claim> claims, long holdMillis) {
        return reserve(callId, claims, holdMillis, SEED_ATTEMPTS);
    }

    private Future<Verdict> reserve(String callId, List<Meter.Claim> claims, long holdMillis, int seeds) {
        Instant now = clock.instant();
        List<String> keys = keys(claims, now);
        List<String> args = new ArrayList<>(claims.size() * 4 + 2);
        args.add(callId);
        args.add(Long.toString(holdMillis));
        for (Meter.Claim c : claims) {
            Meter m = c.meter();
            boolean window = m.kind() == Meter.Kind.WINDOW;
            args.add(window ? "w" : "r");
            args.add(Long.toString(c.amount()));
            args.add(Long.toString(m.limit()));
            args.add(Long.toString(window ? expireAt(m.period().window(now, m.zone())) : 0));
        }
        return RESERVE.run(redis, keys, args).compose(reply -> {
            long code = reply.get(0).toLong();
            if (code == 2) {
                if (seeds == 0) {
                    return Future.failedFuture(new IllegalStateException("window counters vanished while seeding"));
                }
                List<Future<Void>> seeded = new ArrayList<>();
                for (int i = 1; i < reply.size(); i++) {
                    seeded.add(seed(claims.get(reply.get(i).toInteger() - 1).meter(), now));
                }
                return Future.all(seeded).compose(v -> reserve(callId, claims, holdMillis, seeds - 1));
            }
            if (code == 0) {
                int refused = reply.get(1).toInteger() - 1;
                Meter m = claims.get(refused).meter();
                long wait = reply.get(2).toLong();
                if (m.kind() == Meter.Kind.WINDOW) {
                    lastRemaining.put(m.id(), reply.get(3).toLong());
                    wait = windowWait(m, now);
                }
                return Future.succeededFuture(Verdict.refusedBy(refused, wait));
            }
            held.put(callId, keys);
            return Future.succeededFuture(verdict(claims, reply));
        });
    }

    private Verdict verdict(List<Meter.Claim> claims, Response reply) {
        List<Verdict.RateState> rates = null;
        for (int i = 0; i < claims.size(); i++) {
            Meter m = claims.get(i).meter();
            long a = reply.get(1 + 2 * i).toLong();
            if (m.kind() == Meter.Kind.WINDOW) {
                lastRemaining.put(m.id(), a);
            } else {
                if (rates == null) {
                    rates = new ArrayList<>(4);
                }
                rates.add(new Verdict.RateState(m, a, reply.get(2 + 2 * i).toLong()));
            }
        }
        return Verdict.reserved(rates == null ? List.of() : rates);
    }

    @Override
    public Future<long[]> settle(String callId, List<Meter.Claim> claims, long[] used) {
        return settle(callId, claims, used, false);
    }

    /**
     * Gives back what a call may hold in its windows without counting any use, nor touching rates: for a
     * reservation whose answer never arrived (it may or may not have been made).
     */
    Future<Void> release(String callId, List<Meter.Claim> claims) {
        return settle(callId, claims, new long[claims.size()], true).mapEmpty();
    }

    private Future<long[]> settle(String callId, List<Meter.Claim> claims, long[] used, boolean windowsOnly) {
        List<String> keys = held.remove(callId);
        if (keys == null) {
            keys = keys(claims, clock.instant());
        }
        List<String> args = new ArrayList<>(claims.size() * 4 + 1);
        args.add(callId);
        for (int i = 0; i < claims.size(); i++) {
            Meter.Claim c = claims.get(i);
            boolean window = c.meter().kind() == Meter.Kind.WINDOW;
            args.add(window ? "w" : windowsOnly ? "n" : "r");
            args.add(Long.toString(c.amount()));
            args.add(Long.toString(Math.max(0, used[i])));
            args.add(Long.toString(c.meter().limit()));
        }
        return SETTLE.run(redis, keys, args).map(reply -> {
            long[] before = new long[claims.size()];
            for (int i = 0; i < before.length; i++) {
                before[i] = reply.get(i).toLong();
            }
            return before;
        });
    }

    @Override
    public Future<Reading> read(Meter meter) {
        return read(meter, SEED_ATTEMPTS);
    }

    private Future<Reading> read(Meter meter, int seeds) {
        Instant now = clock.instant();
        boolean window = meter.kind() == Meter.Kind.WINDOW;
        BudgetPeriod.Window w = window ? meter.period().window(now, meter.zone()) : null;
        List<String> keys = window
                ? List.of(windowKey(meter, w), reservationsKey(meter, w))
                : List.of(rateKey(meter), rateKey(meter));
        return READ.run(redis, keys, List.of(window ? "w" : "r", Long.toString(meter.limit())))
                .compose(reply -> {
                    if (reply.get(0).toLong() == 2) {
                        return seeds == 0
                                ? Future.failedFuture(new IllegalStateException("window counter vanished"))
                                : seed(meter, now).compose(v -> read(meter, seeds - 1));
                    }
                    if (!window) {
                        long remaining = Math.max(0, reply.get(1).toLong() / 1000);
                        return Future.succeededFuture(new Reading(meter.limit(), meter.limit() - remaining, 0));
                    }
                    return Future.succeededFuture(new Reading(
                            meter.limit(), reply.get(1).toLong(), reply.get(2).toLong()));
                });
    }

    @Override
    public boolean likelyFits(Meter meter, long amount) {
        Long remaining = lastRemaining.get(meter.id());
        return remaining == null || amount <= remaining;
    }

    /** Adds spend counted elsewhere (a replica's local counters during an outage) to windows that still exist. */
    Future<Void> addSpent(Map<String, Long> byWindowKey) {
        if (byWindowKey.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> keys = new ArrayList<>(byWindowKey.keySet());
        List<String> args = new ArrayList<>(keys.size());
        for (String k : keys) {
            args.add(Long.toString(byWindowKey.get(k)));
        }
        return ADD.run(redis, keys, args).mapEmpty();
    }

    /** Answers when Redis does. */
    Future<Void> ping() {
        return redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PING))
                .mapEmpty();
    }

    /** The counter of the window of {@code meter} that contains {@code now}. */
    String windowKey(Meter meter, Instant now) {
        return windowKey(meter, meter.period().window(now, meter.zone()));
    }

    private Future<Void> seed(Meter m, Instant now) {
        BudgetPeriod.Window w = m.period().window(now, m.zone());
        String key = windowKey(m, w);
        return seeding.computeIfAbsent(
                key,
                k -> vertx.executeBlocking(() -> seeder.spentSince(m.seed(), w), false)
                        .compose(spent -> SEED.run(
                                redis,
                                List.of(key, reservationsKey(m, w)),
                                List.of(Long.toString(spent), Long.toString(expireAt(w)))))
                        .<Void>mapEmpty()
                        .onComplete(ar -> seeding.remove(k)));
    }

    private List<String> keys(List<Meter.Claim> claims, Instant now) {
        List<String> keys = new ArrayList<>(claims.size() * 2);
        for (Meter.Claim c : claims) {
            Meter m = c.meter();
            if (m.kind() == Meter.Kind.WINDOW) {
                BudgetPeriod.Window w = m.period().window(now, m.zone());
                keys.add(windowKey(m, w));
                keys.add(reservationsKey(m, w));
            } else {
                keys.add(rateKey(m));
                keys.add(rateKey(m));
            }
        }
        return keys;
    }

    private String windowKey(Meter m, BudgetPeriod.Window w) {
        return prefix + "w:" + m.id() + ":" + w.start().toEpochMilli();
    }

    private String reservationsKey(Meter m, BudgetPeriod.Window w) {
        return prefix + "h:" + m.id() + ":" + w.start().toEpochMilli();
    }

    private String rateKey(Meter m) {
        return prefix + "r:" + m.id();
    }

    private static long expireAt(BudgetPeriod.Window w) {
        return w.end() == null ? 0 : w.end().toEpochMilli() + KEEP_AFTER_END_MILLIS;
    }

    private static long windowWait(Meter m, Instant now) {
        Instant end = m.period().window(now, m.zone()).end();
        return end == null ? -1 : Math.max(1, end.toEpochMilli() - now.toEpochMilli());
    }
}
