package dev.meridian.server.limits;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.SpendCounter;
import dev.meridian.core.budget.TokenBucket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters in this process: exact for one replica, and what a gateway with Redis falls back to while Redis is
 * unreachable. A window's counter starts from the request log the first time it is claimed (read on a worker; the
 * claim waits for it) and starts again from zero when its period rolls over; a rate starts full.
 *
 * <p>A reservation reserves its claims one by one and gives back the earlier ones when a later one has no room, so
 * a concurrent call may briefly see the earlier ones held (it is refused rather than let through: never an
 * overspend). Each counter holds its monitor for a few additions; nothing blocks an event loop.
 */
public final class LocalLimits implements LimitStore {

    private final Vertx vertx;
    private final Seeder seeder;
    private final Clock clock;
    private final ConcurrentHashMap<String, SpendCounter> windows = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenBucket> rates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Future<SpendCounter>> seeding = new ConcurrentHashMap<>();

    public LocalLimits(Vertx vertx, Seeder seeder, Clock clock) {
        this.vertx = vertx;
        this.seeder = seeder;
        this.clock = clock;
    }

    @Override
    public Future<Verdict> reserve(String callId, List<Meter.Claim> claims, long holdMillis) {
        for (int i = 0; i < claims.size(); i++) {
            Meter m = claims.get(i).meter();
            if (m.kind() == Meter.Kind.WINDOW && !windows.containsKey(m.id())) {
                return window(m).compose(c -> reserve(callId, claims, holdMillis));
            }
        }
        return Future.succeededFuture(reserveNow(claims));
    }

    private Verdict reserveNow(List<Meter.Claim> claims) {
        long now = clock.millis();
        List<Verdict.RateState> states = null;
        for (int i = 0; i < claims.size(); i++) {
            Meter.Claim c = claims.get(i);
            Meter m = c.meter();
            long wait;
            if (m.kind() == Meter.Kind.WINDOW) {
                SpendCounter counter = windows.get(m.id());
                counter.limit(m.limit());
                wait = counter.tryReserve(c.amount(), now) ? 0 : windowWait(counter, now);
            } else {
                TokenBucket bucket = rates.computeIfAbsent(m.id(), id -> new TokenBucket(m.limit(), now));
                wait = bucket.tryTake(c.amount(), m.limit(), now);
                if (wait == 0) {
                    TokenBucket.State s = bucket.state(m.limit(), now);
                    if (states == null) {
                        states = new ArrayList<>(4);
                    }
                    states.add(new Verdict.RateState(m, s.remaining(), s.resetMillis()));
                }
            }
            if (wait != 0) {
                release(claims, i, now);
                return Verdict.refusedBy(i, wait);
            }
        }
        return Verdict.reserved(states == null ? List.of() : states);
    }

    /** Gives back the reservations of the first {@code count} claims. */
    private void release(List<Meter.Claim> claims, int count, long now) {
        for (int j = 0; j < count; j++) {
            Meter.Claim c = claims.get(j);
            Meter m = c.meter();
            if (m.kind() == Meter.Kind.WINDOW) {
                windows.get(m.id()).settle(c.amount(), 0, now);
            } else {
                rates.get(m.id()).settle(c.amount(), 0, m.limit(), now);
            }
        }
    }

    private static long windowWait(SpendCounter counter, long now) {
        BudgetPeriod.Window w = counter.snapshot(now).window();
        return w.end() == null ? -1 : Math.max(1, w.end().toEpochMilli() - now);
    }

    @Override
    public Future<long[]> settle(String callId, List<Meter.Claim> claims, long[] used) {
        long now = clock.millis();
        long[] before = new long[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            Meter.Claim c = claims.get(i);
            Meter m = c.meter();
            if (m.kind() == Meter.Kind.WINDOW) {
                SpendCounter counter = windows.get(m.id());
                if (counter != null) {
                    before[i] = counter.settle(c.amount(), used[i], now);
                }
            } else {
                TokenBucket bucket = rates.get(m.id());
                if (bucket != null) {
                    bucket.settle(c.amount(), used[i], m.limit(), now);
                }
            }
        }
        return Future.succeededFuture(before);
    }

    @Override
    public Future<Reading> read(Meter meter) {
        long now = clock.millis();
        if (meter.kind() == Meter.Kind.RATE) {
            TokenBucket bucket = rates.get(meter.id());
            long remaining = bucket == null
                    ? meter.limit()
                    : bucket.state(meter.limit(), now).remaining();
            return Future.succeededFuture(new Reading(meter.limit(), meter.limit() - remaining, 0));
        }
        return window(meter).map(counter -> {
            counter.limit(meter.limit());
            SpendCounter.Snapshot s = counter.snapshot(clock.millis());
            return new Reading(s.limit(), s.spent(), s.reserved());
        });
    }

    @Override
    public boolean likelyFits(Meter meter, long amount) {
        SpendCounter counter = windows.get(meter.id());
        if (counter == null) {
            return true;
        }
        counter.limit(meter.limit());
        return counter.fits(amount, clock.millis());
    }

    /** The window's counter, seeded from the request log (on a worker) the first time. */
    private Future<SpendCounter> window(Meter m) {
        SpendCounter counter = windows.get(m.id());
        if (counter != null) {
            return Future.succeededFuture(counter);
        }
        return seeding.computeIfAbsent(
                m.id(),
                id -> vertx.executeBlocking(
                                () -> {
                                    var now = clock.instant();
                                    BudgetPeriod.Window w = m.period().window(now, m.zone());
                                    long spent = seeder.spentSince(m.seed(), w);
                                    return windows.computeIfAbsent(
                                            id, k -> new SpendCounter(m.period(), m.zone(), m.limit(), spent, now));
                                },
                                false)
                        .onComplete(ar -> seeding.remove(id)));
    }
}
