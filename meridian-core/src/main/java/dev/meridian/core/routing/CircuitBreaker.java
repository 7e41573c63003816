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

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private record Snapshot(State state, int consecutiveFailures, long openedAt, boolean probing) {}

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

    /** What {@link #acquire} granted: nothing, an ordinary request, or the half-open circuit's single probe. */
    public enum Permit {
        DENIED,
        NORMAL,
        PROBE
    }

    /**
     * Takes permission to send one request at {@code now}: always in a closed circuit; in a half-open one only
     * for the single probe. Every granted permit must be followed by exactly one {@link #onSuccess},
     * {@link #onFailure} or {@link #onNeutral} with that permit: only the probe's outcome decides a half-open
     * circuit, and an answer to a request sent before the circuit opened changes nothing but the counts.
     */
    public Permit acquire(long now) {
        while (true) {
            Snapshot s = snapshot.get();
            if (s.state == State.CLOSED) {
                return Permit.NORMAL;
            }
            boolean cooled = s.state == State.OPEN ? now - s.openedAt >= cooldownNanos : !s.probing;
            if (!cooled || s.probing) {
                return Permit.DENIED;
            }
            if (snapshot.compareAndSet(s, new Snapshot(State.HALF_OPEN, s.consecutiveFailures, s.openedAt, true))) {
                return Permit.PROBE;
            }
        }
    }

    /** {@link #acquire} for a single caller that holds whatever it was granted. */
    public boolean tryAcquire(long now) {
        return acquire(now) != Permit.DENIED;
    }

    public void onSuccess(long now, Permit permit) {
        successes.add(now, 1);
        while (true) {
            Snapshot s = snapshot.get();
            boolean closesProbe = permit == Permit.PROBE && s.state == State.HALF_OPEN && s.probing;
            boolean resetsStreak = permit == Permit.NORMAL && s.state == State.CLOSED && s.consecutiveFailures > 0;
            if (!closesProbe && !resetsStreak) {
                return; // nothing to change, or a late answer from before the circuit opened
            }
            if (snapshot.compareAndSet(s, CLOSED)) {
                if (closesProbe) {
                    successes.reset();
                    failures.reset();
                }
                return;
            }
        }
    }

    public void onFailure(long now, Permit permit) {
        failures.add(now, 1);
        while (true) {
            Snapshot s = snapshot.get();
            Snapshot next;
            if (permit == Permit.PROBE && s.state == State.HALF_OPEN && s.probing) {
                next = new Snapshot(State.OPEN, s.consecutiveFailures + 1, now, false);
            } else if (permit == Permit.NORMAL && s.state == State.CLOSED) {
                int failures = s.consecutiveFailures + 1;
                boolean open = failures >= policy.consecutiveFailures() || rateExceeded(now);
                next = open
                        ? new Snapshot(State.OPEN, failures, now, false)
                        : new Snapshot(State.CLOSED, failures, 0, false);
            } else {
                return; // the circuit is already open or probing: a late failure only counts
            }
            if (snapshot.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /** The permit was used by a request whose outcome says nothing about the deployment (e.g. a 400, a cancel). */
    public void onNeutral(Permit permit) {
        while (true) {
            Snapshot s = snapshot.get();
            if (permit != Permit.PROBE || !s.probing) {
                return;
            }
            if (snapshot.compareAndSet(s, new Snapshot(s.state, s.consecutiveFailures, s.openedAt, false))) {
                return;
            }
        }
    }

    /** {@link #onSuccess(long, Permit)} for a single caller: it holds the probe when one is out. */
    public void onSuccess(long now) {
        onSuccess(now, heldPermit());
    }

    /** {@link #onFailure(long, Permit)} for a single caller: it holds the probe when one is out. */
    public void onFailure(long now) {
        onFailure(now, heldPermit());
    }

    /** {@link #onNeutral(Permit)} for a single caller: it holds the probe when one is out. */
    public void onNeutral() {
        onNeutral(heldPermit());
    }

    private Permit heldPermit() {
        return snapshot.get().probing ? Permit.PROBE : Permit.NORMAL;
    }

    private boolean rateExceeded(long now) {
        long failed = failures.sum(now);
        long total = failed + successes.sum(now);
        return total >= policy.minRequests() && failed >= policy.errorRate() * total;
    }
}
