package dev.meridian.server.upstream;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Enforces the timeouts of one event loop's upstream exchanges with a single periodic sweep instead of
 * scheduling (and cancelling) timers for every request: registering is a set insertion, and timeouts fire
 * within one sweep period (50 ms) of their deadline, which is precise enough for timeouts of seconds.
 * Confined to its event loop.
 */
public final class Deadlines {

    static final long SWEEP_MILLIS = 50;

    private final Set<UpstreamExchange> active = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<UpstreamExchange> expired = new ArrayList<>();
    private final Vertx vertx;
    private final long timerId;

    public Deadlines(Vertx vertx) {
        this.vertx = vertx;
        this.timerId = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    void add(UpstreamExchange exchange) {
        active.add(exchange);
    }

    void remove(UpstreamExchange exchange) {
        active.remove(exchange);
    }

    private void sweep() {
        if (active.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (UpstreamExchange exchange : active) {
            if (exchange.overdue(now) != null) {
                expired.add(exchange);
            }
        }
        for (UpstreamExchange exchange : expired) {
            exchange.expire(now);
        }
        expired.clear();
    }

    /** Stops sweeping (the event loop is shutting down). */
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
