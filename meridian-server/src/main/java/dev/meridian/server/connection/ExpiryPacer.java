package dev.meridian.server.connection;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * Spreads connection expiries out on one event loop, so that many connections timing out in the same instant (a
 * thousand tricklers that stopped together, a crowd of idle keep-alive connections) are closed a few at a time with
 * the loop's other work in between, instead of in one burst that stalls every request on the loop for as long as
 * the closes take. A generic cell rate algorithm: up to {@link #BURST} expiries at once, then one per
 * {@link #INTERVAL_NANOS}. An expiry is only ever delayed, never skipped; the delay is bounded by the crowd's size
 * times the interval (500 connections on one loop: a quarter of a second). Event-loop confined: one per loop thread.
 */
final class ExpiryPacer {

    /** Expiries allowed at once before the pacing starts. */
    static final int BURST = 8;
    /** Time between paced expiries: 2,000 closes a second per event loop at most. */
    static final long INTERVAL_NANOS = 500_000;

    private static final FastThreadLocal<ExpiryPacer> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected ExpiryPacer initialValue() {
            return new ExpiryPacer();
        }
    };

    /** The theoretical arrival time of the next expiry, in {@link System#nanoTime()}. */
    private long next = Long.MIN_VALUE;

    /** The pacer of the calling event loop. */
    static ExpiryPacer ofThisLoop() {
        return PER_LOOP.get();
    }

    /**
     * Reserves a slot for one expiry at {@code now} and says how many nanoseconds the caller must wait before it
     * runs: zero within the burst, more once the burst is used up. The slot stays reserved; the caller expires when
     * the delay has passed without asking again.
     */
    long reserve(long now) {
        long start = next == Long.MIN_VALUE || next - now < 0 ? now : next;
        next = start + INTERVAL_NANOS;
        long wait = next - now - BURST * INTERVAL_NANOS;
        return Math.max(wait, 0);
    }
}
