package dev.meridian.core.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A sum over a sliding time window, kept in ten buckets: adding is one or two atomic operations, reading
 * sums the buckets still inside the window (so the window slides in steps of a tenth). Thread-safe; an add
 * racing with the recycling of its bucket can be lost, which the estimates built on this tolerate.
 */
public final class SlidingCounter {

    private static final int BUCKETS = 10;

    private final long bucketNanos;
    private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray sums = new AtomicLongArray(BUCKETS);

    public SlidingCounter(Duration window) {
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        reset();
    }

    public void add(long now, long amount) {
        long epoch = Math.floorDiv(now, bucketNanos);
        int i = (int) Math.floorMod(epoch, BUCKETS);
        long seen = epochs.get(i);
        if (seen != epoch && epochs.compareAndSet(i, seen, epoch)) {
            sums.set(i, 0);
        }
        sums.addAndGet(i, amount);
    }

    /** The sum of what was added within the window ending at {@code now}. */
    public long sum(long now) {
        long epoch = Math.floorDiv(now, bucketNanos);
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long e = epochs.get(i);
            if (e > epoch - BUCKETS && e <= epoch) {
                total += sums.get(i);
            }
        }
        return total;
    }

    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            epochs.set(i, Long.MIN_VALUE);
        }
    }
}
