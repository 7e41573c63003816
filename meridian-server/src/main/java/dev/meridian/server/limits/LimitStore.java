package dev.meridian.server.limits;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the counters of budgets, plan quotas and rate limits live: in this process ({@link LocalLimits}), or in
 * Redis, shared by every replica. A reservation is all or nothing across its claims, so two concurrent calls can
 * never together pass a limit that each fits alone. Calls come from event loops: nothing here may block them.
 */
public interface LimitStore {

    /**
     * Reserves every claim, or none when one has no room.
     *
     * @param callId identifies the call in the store until it settles (a store may expire what a call that never
     *     settles holds)
     * @param holdMillis how long the call may run at most: what it holds is released after that if it never
     *     settles (a replica that died)
     */
    Future<Verdict> reserve(String callId, List<Meter.Claim> claims, long holdMillis);

    /**
     * Ends a call: gives back each claim's reservation and counts what it really used ({@code used[i]} for claim
     * {@code i}; a cost over the reservation counts too: it was spent).
     *
     * @return for every claim, the window's spend before this call's use was added (for alert thresholds); 0 for
     *     rates
     */
    Future<long[]> settle(String callId, List<Meter.Claim> claims, long[] used);

    /** A window's spend and reservations now, or a rate's level; may read the request log (workers only). */
    Future<Reading> read(Meter meter);

    /** A meter's counters. For a rate: {@code spent} is what was taken, {@code reserved} 0. */
    record Reading(long limit, long spent, long reserved) {
        public long remaining() {
            return Math.max(0, limit - spent - reserved);
        }
    }

    /**
     * Whether {@code amount} would fit a window now, from what this process last saw (a hint for decisions made
     * before routing, such as a budget's downgrade; the reservation decides).
     */
    boolean likelyFits(Meter meter, long amount);
}
