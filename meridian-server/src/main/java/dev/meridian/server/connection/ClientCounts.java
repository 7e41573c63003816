package dev.meridian.server.connection;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, bounded. One instance serves every event loop: connections are counted
 * where they are accepted and released on whichever loop closes them. An address leaves the map when its count
 * reaches zero, so the map holds only addresses with open connections. Thread-safe.
 */
final class ClientCounts {

    private final int max;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param max connections allowed per address; 0 for no limit (nothing is counted then) */
    ClientCounts(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 (unlimited) or more: " + max);
        }
        this.max = max;
    }

    /** Counts a new connection from {@code address}; false (and nothing counted) when it holds {@code max}. */
    boolean tryAcquire(InetAddress address) {
        if (max == 0) {
            return true;
        }
        boolean[] acquired = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            acquired[0] = true;
            return count + 1;
        });
        return acquired[0];
    }

    /** Releases a connection counted by {@link #tryAcquire}. */
    void release(InetAddress address) {
        if (max == 0) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Open connections from {@code address} (0 when unlimited: nothing is counted). */
    int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    /** Addresses holding at least one counted connection. */
    int addresses() {
        return open.size();
    }
}
