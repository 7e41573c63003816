package dev.meridian.simulator.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt prefixes one simulator instance has seen, so that repeating a prompt reports cached
 * tokens as the providers' prompt caches would. Thread-safe. Bounded: past {@link #CAPACITY}
 * entries it forgets everything, like a cache under eviction pressure.
 */
public final class PromptCacheLedger {

    public static final int CAPACITY = 100_000;

    private final Set<Long> seen = ConcurrentHashMap.newKeySet();

    /** Records {@code prefixKey} and says whether it had been seen before. */
    public boolean seenBefore(long prefixKey) {
        if (seen.size() >= CAPACITY) {
            seen.clear();
        }
        return !seen.add(prefixKey);
    }
}
