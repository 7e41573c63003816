package dev.meridian.server.pipeline;

import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.RoutingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A place among the gateway's in-flight requests: at once, after a bounded wait, or refused (503/429 with
 * {@code Retry-After}). A caller who leaves while queued leaves the queue at once. The place is released when
 * the request is over.
 */
public final class AdmissionStage implements Stage {

    private final Vertx vertx;
    private final Admission admission;
    private final RoutingMetrics metrics;

    public AdmissionStage(Vertx vertx, Admission admission, RoutingMetrics metrics) {
        this.vertx = vertx;
        this.admission = admission;
        this.metrics = metrics;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        Future<Void> place = admission.admit(vertx);
        if (!place.isComplete()) {
            ctx.caller().onLeave(() -> admission.abandon(place));
        }
        return place.onFailure(e -> {
                    if (!ctx.caller().gone()) {
                        metrics.shed();
                    }
                })
                .compose(admitted -> {
                    ctx.caller().onLeave(null);
                    ctx.whenDone(admission::release);
                    return next.run(ctx);
                });
    }
}
