package dev.meridian.server.attempt;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import dev.meridian.core.routing.Deployment;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pricing.EffectivePrice;
import dev.meridian.server.routing.Route;
import io.vertx.core.Future;

/**
 * The per-attempt seam: told before every call to a deployment and once after it, for retries, fallbacks and
 * hedges alike (a hedged loser's tokens are real spend). Budgets and rate limits reserve in {@link #before} and
 * settle in {@link #after}. Runs on the request's event loop and must not block.
 */
public interface AttemptHook {

    /**
     * One call about to be made. Each call has its own instance, so a hook may key what it holds for a call on the
     * instance's identity (two calls can have equal fields: a retry of the same deployment).
     *
     * @param pricing what the deployment charges and the model's limits
     */
    record AttemptInfo(
            String group,
            String deployment,
            String provider,
            String upstreamModel,
            boolean hedge,
            EffectivePrice pricing) {

        static AttemptInfo of(String group, Deployment<Route> deployment, boolean hedge) {
            Route route = deployment.target();
            return new AttemptInfo(
                    group, deployment.id(), route.provider().name(), route.upstreamModel(), hedge, route.pricing());
        }
    }

    /** How a call ended. */
    enum Result {
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /**
     * Before the call is sent. A failed future (a {@code GatewayException}, say a 429) stops the request with that
     * error; nothing is sent.
     */
    default Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
        return Future.succeededFuture();
    }

    /**
     * Once per call that {@link #before} let through: when the caller's answer is complete (a stream once it
     * ended), or when the call failed or was cancelled.
     *
     * @param usage what the provider reported for this call, or null when it reported nothing
     * @param error why the call failed, or null
     */
    default void after(RequestContext ctx, AttemptInfo attempt, Result result, Usage usage, GatewayException error) {}
}
