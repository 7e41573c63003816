package dev.meridian.server.routing;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.config.RoutingConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Overload protection for the whole gateway: at most {@code maxInFlight} routed requests at once; beyond
 * that up to {@code maxQueue} wait (each at most {@code queueTimeout}) and the rest are shed at once with
 * 503 (or 429) and Retry-After. A place freed goes to the oldest waiter. Health, metrics and model-list
 * endpoints do not pass through here, so the gateway stays observable while it sheds.
 *
 * <p>Shared by every event loop: counters are atomic, waiters are resumed on their own event loop.
 */
public final class Admission {

    private final int maxInFlight;
    private final int maxQueue;
    private final long queueTimeoutMillis;
    private final int shedStatus;
    private final String retryAfter;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    private record Waiter(Context context, Promise<Void> promise, AtomicBoolean settled) {}

    public Admission(RoutingConfig.Overload config) {
        this.maxInFlight = config.maxInFlight();
        this.maxQueue = config.maxQueue();
        this.queueTimeoutMillis = Math.max(1, config.queueTimeout().toMillis());
        this.shedStatus = config.shedStatus();
        this.retryAfter = Long.toString(Math.max(1, (config.retryAfter().toMillis() + 999) / 1000));
    }

    /**
     * Takes a place, at once or after waiting in the queue; fails with {@code gateway_overloaded} when the
     * queue is full or the wait timed out. Call on the request's event loop; every success must be followed
     * by one {@link #release()}.
     */
    public Future<Void> admit(Vertx vertx) {
        if (tryTake()) {
            return Future.succeededFuture();
        }
        if (queued.incrementAndGet() > maxQueue) {
            queued.decrementAndGet();
            return Future.failedFuture(shed("the gateway is at its limit of " + maxInFlight + " requests in flight and "
                    + maxQueue + " waiting"));
        }
        Context context = vertx.getOrCreateContext();
        Waiter waiter = new Waiter(context, Promise.promise(), new AtomicBoolean());
        waiters.add(waiter);
        vertx.setTimer(queueTimeoutMillis, id -> {
            if (waiter.settled.compareAndSet(false, true)) {
                waiters.remove(waiter);
                queued.decrementAndGet();
                waiter.promise.fail(shed("the request waited " + queueTimeoutMillis + " ms for one of the gateway's "
                        + maxInFlight + " places"));
            }
        });
        drain();
        return waiter.promise.future();
    }

    /**
     * The caller of a waiting request left: it leaves the queue now rather than at the queue timeout.
     *
     * @param admitted what {@link #admit} returned for it
     */
    public void abandon(Future<Void> admitted) {
        for (Waiter waiter : waiters) {
            if (waiter.promise.future() == admitted && waiter.settled.compareAndSet(false, true)) {
                waiters.remove(waiter);
                queued.decrementAndGet();
                waiter.promise.fail(GatewayException.of(ErrorCode.CLIENT_CLOSED, "The caller left while queued."));
                return;
            }
        }
    }

    /** Gives a place back; the oldest waiter, if any, takes it. */
    public void release() {
        inFlight.decrementAndGet();
        drain();
    }

    /** In-flight requests as a fraction of the limit (degradation to cheaper groups starts from it). */
    public double load() {
        return (double) inFlight.get() / maxInFlight;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int queueDepth() {
        return queued.get();
    }

    private boolean tryTake() {
        while (true) {
            int n = inFlight.get();
            if (n >= maxInFlight) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private void drain() {
        while (!waiters.isEmpty() && tryTake()) {
            Waiter waiter = waiters.poll();
            if (waiter == null || !waiter.settled.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                if (waiter == null) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            waiter.context.runOnContext(v -> waiter.promise.complete());
        }
    }

    private GatewayException shed(String why) {
        return GatewayException.builder(
                        ErrorCode.OVERLOADED,
                        "The gateway is overloaded (" + why + "); retry after " + retryAfter + " s.")
                .status(shedStatus)
                .retryAfter(retryAfter)
                .build();
    }
}
