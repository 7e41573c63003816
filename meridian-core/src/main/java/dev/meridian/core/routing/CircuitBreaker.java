package dev.meridian.core.routing;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A deployment's circuit: closed (traffic flows), open (no traffic for the cooldown), half-open (one probe
 * request at a time; its success closes the circuit, its failure opens it again). It opens after
 * {@link BreakerPolicy#consecutiveFailures()} failures in a row, or when the failure rate over the window
 * reaches {@link BreakerPolicy#errorRate()} with at least {@link BreakerPolicy#minRequests()} outcomes.
 *
 * <p>Shared by every event loop: the state is one immutable snapshot swapped atomically, the window two
 * {@link SlidingCounter}s. Only failures that say something about the deployment count
 * (connection failures, 5xx, timeouts); the caller decides which.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private record Snapshot(State state, int consecutiveFailures, long openedAt, boolean probing) {
    }

    private static final Snapshot CLOSED = new Snapshot(State.CLOSED, 0, 0, false);

    private final BreakerPolicy policy;
    private final long cooldownNanos;
    private final SlidingCounter successes;
    private final SlidingCounter failures;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(CLOSED);

    public CircuitBreaker(BreakerPolicy policy) {
        this.policy = policy;
        this.cooldownNanos = policy.cooldown().toNanos();
        this.successes = new SlidingCounter(policy.window());
        this.failures = new SlidingCounter(policy.window());
    }

    /** The state at {@code now}: an open circuit whose cooldown has passed reads as half-open. */
    public State state(long now) {
        Snapshot s = snapshot.get();
        if (s.state == State.OPEN && now - s.openedAt >= cooldownNanos) {
            return State.HALF_OPEN;
        }
        return s.state;
    }

    /** Whether a request may be sent now without taking the probe slot (closed circuits only). */
    public boolean allowsTraffic(long now) {
        State st = state(now);
        return st == State.CLOSED || st == State.HALF_OPEN && !snapshot.get().probing;
    }

    /**
     * Takes permission to send one request at {@code now}: always in a closed circuit; in a half-open one
     * only for the single probe. Every acquired permission must be followed by exactly one
     * {@link #onSuccess}, {@link #onFailure} or {@link #onNeutral}.
     */
    public boolean tryAcquire(long now) {
        while (true) {
            Snapshot s = snapshot.get();
            if (s.state == State.CLOSED) {
                return true;
            }
            boolean cooled = s.state == State.OPEN ? now - s.openedAt >= cooldownNanos : !s.probing;
            if (!cooled || s.probing) {
                return false;
            }
            if (snapshot.compareAndSet(s, new Snapshot(State.HALF_OPEN, s.consecutiveFailures, s.openedAt, true))) {
                return true;
            }
        }
    }

    public void onSuccess(long now) {
        successes.add(now, 1);
        while (true) {
            Snapshot s = snapshot.get();
            if (s.state == State.CLOSED && s.consecutiveFailures == 0) {
                return;
            }
            if (s.state == State.OPEN) {
                return; // a late answer from before the circuit opened does not close it
            }
            if (snapshot.compareAndSet(s, CLOSED)) {
                if (s.state == State.HALF_OPEN) {
                    successes.reset();
                    failures.reset();
                }
                return;
            }
        }
    }

    public void onFailure(long now) {
        failures.add(now, 1);
        while (true) {
            Snapshot s = snapshot.get();
            Snapshot next;
            if (s.state == State.HALF_OPEN) {
                next = new Snapshot(State.OPEN, s.consecutiveFailures + 1, now, false);
            } else if (s.state == State.OPEN) {
                return;
            } else {
                int failures = s.consecutiveFailures + 1;
                boolean open = failures >= policy.consecutiveFailures() || rateExceeded(now);
                next = open ? new Snapshot(State.OPEN, failures, now, false)
                        : new Snapshot(State.CLOSED, failures, 0, false);
            }
            if (snapshot.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /** The permission was used by a request whose outcome says nothing about the deployment (e.g. a 400). */
    public void onNeutral() {
        while (true) {
            Snapshot s = snapshot.get();
            if (!s.probing) {
                return;
            }
            if (snapshot.compareAndSet(s, new Snapshot(s.state, s.consecutiveFailures, s.openedAt, false))) {
                return;
            }
        }
    }

    private boolean rateExceeded(long now) {
        long failed = failures.sum(now);
        long total = failed + successes.sum(now);
        return total >= policy.minRequests() && failed >= policy.errorRate() * total;
    }
}
