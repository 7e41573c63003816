package dev.meridian.core.budget;

/**
 * A rate limit of {@code capacity} units per minute as a bucket that refills continuously (OpenAI's own model of
 * requests and tokens per minute): full at first, a call takes its units when the bucket holds them, and the
 * bucket refills at {@code capacity / 60 s}. A call that asks for more than the whole capacity takes a full bucket,
 * so that it can run at all. Settling returns what a call reserved and takes what it really used, so a call that
 * used more than its estimate leaves the bucket lower (below zero, even) and the next calls wait.
 *
 * <p>Thread-safe: each method holds the monitor for a few arithmetic operations.
 */
public final class TokenBucket {

    /** The refill period: the limit is per minute. */
    public static final long PERIOD_MILLIS = 60_000;

    /** The bucket after an operation: what is left, and how long until it is full again. */
    public record State(long capacity, long remaining, long resetMillis) {}

    private double level;
    private long at;

    public TokenBucket(long capacity, long nowMillis) {
        this.level = capacity;
        this.at = nowMillis;
    }

    /**
     * Takes {@code amount} (at most {@code capacity}) if the bucket holds it.
     *
     * @return how long to wait before it would fit, 0 when taken
     */
    public synchronized long tryTake(long amount, long capacity, long nowMillis) {
        if (capacity <= 0) {
            return PERIOD_MILLIS; // a limit of zero admits nothing
        }
        refill(capacity, nowMillis);
        long take = Math.min(amount, capacity);
        if (level < take) {
            return Math.max(1, (long) Math.ceil((take - level) * PERIOD_MILLIS / capacity));
        }
        level -= take;
        return 0;
    }

    /** Gives back what a call reserved and takes what it used. */
    public synchronized void settle(long reserved, long used, long capacity, long nowMillis) {
        refill(capacity, nowMillis);
        level = Math.min(capacity, level + Math.min(reserved, capacity) - Math.max(0, used));
    }

    public synchronized State state(long capacity, long nowMillis) {
        refill(capacity, nowMillis);
        return state(level, capacity);
    }

    /** The state of a bucket holding {@code level} of {@code capacity}. */
    public static State state(double level, long capacity) {
        long reset = capacity <= 0 ? 0 : (long) Math.ceil((capacity - level) * PERIOD_MILLIS / capacity);
        return new State(capacity, Math.max(0, (long) Math.floor(level)), Math.max(0, reset));
    }

    private void refill(long capacity, long nowMillis) {
        if (nowMillis > at) {
            level = Math.min(capacity, level + (double) (nowMillis - at) * capacity / PERIOD_MILLIS);
            at = nowMillis;
        } else if (level > capacity) {
            level = capacity;
        }
    }
}
