package dev.meridian.core.budget;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One budget's money in its current period: what was spent, what running calls have reserved, and the limit. A
 * call reserves its maximum possible cost before it is sent ({@link #tryReserve}); the reservation is refused when
 * {@code spent + reserved + amount > limit}, so concurrent calls can never together exceed the limit as long as
 * each costs at most what it reserved. When the call ends its reservation is replaced by its real cost
 * ({@link #settle}).
 *
 * <p>At the first operation in a new period, spend starts again from zero; reservations of calls still running
 * stay held, and their cost, when they settle, counts in the period they end in.
 *
 * <p>Thread-safe: every method holds this object's monitor for a few arithmetic operations, never for I/O, so
 * event loops may call it. Amounts are nano-dollars ({@link Money}).
 */
public final class SpendCounter {

    /** The state at one instant, for reads. */
    public record Snapshot(long limit, long spent, long reserved, BudgetPeriod.Window window) {
        /** What is left for new reservations; never negative. */
        public long remaining() {
            return Math.max(0, limit - spent - reserved);
        }
    }

    private final BudgetPeriod period;
    private final ZoneId zone;
    private long limit;
    private long spent;
    private long reserved;
    private BudgetPeriod.Window window;
    private long windowEnd;

    /**
     * @param spent what the period containing {@code now} has spent so far (read from the request log at start)
     */
    public SpendCounter(BudgetPeriod period, ZoneId zone, long limit, long spent, Instant now) {
        this.period = requireNonNull(period, "period");
        this.zone = requireNonNull(zone, "zone");
        this.limit = checkAmount(limit, "limit");
        this.spent = checkAmount(spent, "spent");
        enter(period.window(now, zone));
    }

    public BudgetPeriod period() {
        return period;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Reserves {@code amount} if it fits under the limit with everything spent and reserved.
     *
     * @return whether it was reserved; when false nothing changed
     */
    public synchronized boolean tryReserve(long amount, long nowMillis) {
        roll(nowMillis);
        if (amount < 0 || amount > limit - spent - reserved) {
            return false;
        }
        reserved += amount;
        return true;
    }

    /** Whether {@code amount} would fit now, without reserving it (a hint: another call may take the room). */
    public synchronized boolean fits(long amount, long nowMillis) {
        roll(nowMillis);
        return amount <= limit - spent - reserved;
    }

    /**
     * Ends a call: gives back its reservation and adds what it really cost. The cost is added even when it exceeds
     * the reservation or the limit: the money was spent.
     *
     * @return the period's spend before this cost, so that a caller can tell which thresholds it crossed
     */
    public synchronized long settle(long reservation, long cost, long nowMillis) {
        roll(nowMillis);
        reserved = Math.max(0, reserved - reservation);
        long before = spent;
        spent += Math.max(0, cost);
        return before;
    }

    /** Changes the limit; reservations and spend stay. */
    public synchronized void limit(long value) {
        limit = checkAmount(value, "limit");
    }

    public synchronized Snapshot snapshot(long nowMillis) {
        roll(nowMillis);
        return new Snapshot(limit, spent, reserved, window);
    }

    private void roll(long nowMillis) {
        if (nowMillis >= windowEnd) {
            enter(period.window(Instant.ofEpochMilli(nowMillis), zone));
            spent = 0;
        }
    }

    private void enter(BudgetPeriod.Window w) {
        window = w;
        windowEnd = w.end() == null ? Long.MAX_VALUE : w.end().toEpochMilli();
    }

    private static long checkAmount(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
