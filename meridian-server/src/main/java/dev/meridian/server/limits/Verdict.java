package dev.meridian.server.limits;

import java.util.List;

/**
 * What a store answered to a reservation of several claims: all reserved, or refused by one of them.
 *
 * @param refused the index of the claim that had no room, or -1 when every claim was reserved
 * @param waitMillis for a refused rate, how long until the claim would fit; for a refused window, until it ends
 *     (-1 for a window that never ends)
 * @param rates the state of every {@link Meter.Kind#RATE} claim after the reservation, in claim order (for the
 *     {@code x-ratelimit-*} headers); empty when refused
 */
public record Verdict(int refused, long waitMillis, List<RateState> rates) {

    /** A rate meter's state after a reservation. */
    public record RateState(Meter meter, long remaining, long resetMillis) {}

    public static Verdict reserved(List<RateState> rates) {
        return new Verdict(-1, 0, rates);
    }

    public static Verdict refusedBy(int claim, long waitMillis) {
        return new Verdict(claim, waitMillis, List.of());
    }

    public boolean ok() {
        return refused < 0;
    }
}
