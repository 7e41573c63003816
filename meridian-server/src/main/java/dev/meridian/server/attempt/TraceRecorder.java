package dev.meridian.server.attempt;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.core.routing.RoutingTrace.Step;
import dev.meridian.server.pipeline.RequestContext;
import java.util.ArrayList;
import java.util.List;

/** What one request's attempt loop did, step by step, until it is written once as the {@link RoutingTrace}. */
final class TraceRecorder {

    private final List<Step> steps = new ArrayList<>(2);
    private int attempts;
    private int fallbacks;
    private String fallbackReason;

    void attempt() {
        attempts++;
    }

    void hedge(String deployment) {
        steps.add(Step.of(Step.Kind.HEDGE, deployment));
    }

    void answered(String deployment) {
        steps.add(new Step(Step.Kind.ANSWERED, deployment, 200));
    }

    void cancelled(String deployment) {
        steps.add(Step.of(Step.Kind.CANCELLED, deployment));
    }

    void failed(String deployment, GatewayException e) {
        steps.add(new Step(
                e.code() == ErrorCode.UPSTREAM_TIMEOUT ? Step.Kind.TIMED_OUT : Step.Kind.FAILED,
                deployment,
                e.status()));
    }

    void fallback(String group, String reason) {
        steps.add(Step.of(Step.Kind.FALLBACK, group));
        fallbacks++;
        fallbackReason = reason;
    }

    /** Writes the trace once: the first outcome (an answer, a failure, the caller leaving) is the request's. */
    void settle(RequestContext ctx, String group, String deployment, boolean hedgeWon) {
        if (ctx.trace() == null) {
            ctx.trace(new RoutingTrace(group, deployment, attempts, fallbacks, steps, fallbackReason, hedgeWon));
        }
    }
}
