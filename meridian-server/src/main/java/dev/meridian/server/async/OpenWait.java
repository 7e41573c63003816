package dev.meridian.server.async;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Waiting for the database, which opens in the background after the gateway listens (and retries while it cannot):
 * a caller that needs it gets an answer within a bound, never a hang.
 */
public final class OpenWait {

    private OpenWait() {}

    /**
     * {@code opening} as it completes, or failed with {@code notYet} when it has not within {@code millis}.
     */
    public static <T> Future<T> within(Vertx vertx, Future<T> opening, long millis, Supplier<Throwable> notYet) {
        if (opening.isComplete()) {
            return opening;
        }
        Promise<T> ready = Promise.promise();
        long timer = vertx.setTimer(millis, id -> ready.tryFail(notYet.get()));
        opening.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.failed()) {
                ready.tryFail(ar.cause());
            } else {
                ready.tryComplete(ar.result());
            }
        });
        return ready.future();
    }
}
