package dev.meridian.simulator.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Provider-looking identifiers ({@code chatcmpl-...}, {@code msg_01...}, {@code toolu_01...}):
 * a per-simulator counter scrambled into base-62, so a run's ids are unique and repeatable.
 * Thread-safe.
 */
public final class Ids {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final AtomicLong counter = new AtomicLong();

    /** {@code prefix} followed by {@code length} base-62 characters. */
    public String next(String prefix, int length) {
        long state = counter.incrementAndGet();
        StringBuilder out = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            state = mix(state + i);
            out.append(ALPHABET[(int) Long.remainderUnsigned(state, ALPHABET.length)]);
        }
        return out.toString();
    }

    /** SplitMix64's finalizer: spreads consecutive counters over the whole alphabet. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
