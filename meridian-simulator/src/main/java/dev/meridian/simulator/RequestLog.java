package dev.meridian.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The latest {@code capacity} recorded requests, oldest first. Thread-safe. */
final class RequestLog {

    private final RecordedRequest[] ring;
    private int next;
    private int size;

    RequestLog(int capacity) {
        this.ring = new RecordedRequest[capacity];
    }

    synchronized void add(RecordedRequest request) {
        if (ring.length == 0) {
            return;
        }
        ring[next] = request;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    synchronized List<RecordedRequest> snapshot() {
        List<RecordedRequest> out = new ArrayList<>(size);
        int first = (next - size + ring.length) % Math.max(1, ring.length);
        for (int i = 0; i < size; i++) {
            out.add(ring[(first + i) % ring.length]);
        }
        return out;
    }

    synchronized void clear() {
        Arrays.fill(ring, null);
        next = 0;
        size = 0;
    }
}
