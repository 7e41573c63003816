package dev.meridian.core.routing;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Recent latencies of one deployment (time to first token): an exponentially weighted moving average for
 * the lowest-latency strategy, and the 95th percentile of the last {@value #SAMPLES} samples for the hedging
 * delay. Thread-safe; recording is a few atomic operations, the percentile is computed when asked.
 */
public final class LatencyTracker {

    static final int SAMPLES = 128;
    private static final double ALPHA = 0.2;
    private static final long NONE = Double.doubleToRawLongBits(Double.NaN);

    private final AtomicLong ewmaBits = new AtomicLong(NONE);
    private final AtomicLongArray samples = new AtomicLongArray(SAMPLES);
    private final AtomicLong count = new AtomicLong();

    public void record(long nanos) {
        while (true) {
            long bits = ewmaBits.get();
            double old = Double.longBitsToDouble(bits);
            double next = Double.isNaN(old) ? nanos : old + ALPHA * (nanos - old);
            if (ewmaBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
                break;
            }
        }
        long n = count.getAndIncrement();
        samples.set((int) (n % SAMPLES), nanos);
    }

    /** The moving average in nanoseconds, or NaN before the first sample. */
    public double ewmaNanos() {
        return Double.longBitsToDouble(ewmaBits.get());
    }

    public long sampleCount() {
        return count.get();
    }

    /** The 95th percentile of the recent samples in nanoseconds, or -1 with fewer than {@code minSamples}. */
    public long p95Nanos(int minSamples) {
        int n = (int) Math.min(count.get(), SAMPLES);
        if (n < Math.max(1, minSamples)) {
            return -1;
        }
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = samples.get(i);
        }
        Arrays.sort(copy);
        return copy[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
    }
}
