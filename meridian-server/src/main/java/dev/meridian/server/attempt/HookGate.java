package dev.meridian.server.attempt;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.attempt.AttemptHook.Result;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.RequestContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where one request's calls wait for the attempt hooks. A hook that answers at once costs nothing; one that answers
 * later is waited for on the request's own event loop (whatever thread completes it), at most until the request's
 * deadline, and while it is pending the call counts as under way. A hook that agrees after the request moved on is
 * told the call was cancelled. One per request; confined to its event loop.
 */
final class HookGate {

    private final AttemptHooks hooks;
    private final RequestContext ctx;
    private final Context context;
    private int pending;

    HookGate(AttemptHooks hooks, RequestContext ctx, Context context) {
        this.hooks = hooks;
        this.ctx = ctx;
        this.context = context;
    }

    /** Calls waiting for the hooks. */
    int pending() {
        return pending;
    }

    /**
     * Asks the hooks about {@code attempt}, then runs {@code send} (the call goes ahead), or {@code refused} with the
     * refusal or a timeout at {@code deadline}, or {@code dropped} when the hooks agreed but {@code stillWanted} says
     * the request has moved on (the hooks are then told the call was cancelled).
     */
    void admit(
            AttemptInfo attempt,
            long deadline,
            BooleanSupplier stillWanted,
            Runnable send,
            Consumer<GatewayException> refused,
            Runnable dropped) {
        Future<Void> allowed = hooks.before(ctx, attempt);
        if (allowed.succeeded()) {
            send.run();
            return;
        }
        pending++;
        boolean[] done = {false};
        long timer = context.owner().setTimer(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), id -> {
            done[0] = true;
            pending--;
            refused.accept(GatewayException.builder(
                            ErrorCode.UPSTREAM_TIMEOUT,
                            "An attempt hook did not answer within the request deadline; nothing was sent.")
                    .build());
        });
        allowed.onComplete(ar -> context.runOnContext(v -> {
            if (done[0]) {
                if (ar.succeeded()) {
                    hooks.after(ctx, attempt, Result.CANCELLED, null, null); // agreed too late
                }
                return;
            }
            done[0] = true;
            pending--;
            context.owner().cancelTimer(timer);
            if (ar.failed()) {
                refused.accept(Failures.asGatewayError(ar.cause()));
            } else if (stillWanted.getAsBoolean()) {
                send.run();
            } else {
                hooks.after(ctx, attempt, Result.CANCELLED, null, null);
                dropped.run();
            }
        }));
    }
}
