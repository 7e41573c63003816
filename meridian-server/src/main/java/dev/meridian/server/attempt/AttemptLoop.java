package dev.meridian.server.attempt;

import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Stage;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The last step of the pipeline: calls the plan's deployments until one answers. The group's available
 * deployments (healthy, circuit closed, not backing off, below their limits, allowed by the residency rule) are
 * tried in the strategy's order; a retryable failure moves to the next deployment at once, or retries one after
 * the {@link RetryPolicy}'s wait; once the group is exhausted, or on a failure no deployment of it can fix, the
 * {@link FallbackPolicy} moves to another group within the request's deadline; the {@link HedgePolicy} may race a
 * second deployment against a silent first. Every call passes the {@link AttemptHooks}. Nothing has reached the
 * caller meanwhile: a stream is handed on only once its first bytes arrived. The outcome is a
 * {@link RoutingTrace} on the context.
 */
public final class AttemptLoop implements Stage.Next {

    final Vertx vertx;
    final RouteTable table;
    final ProviderCall calls;
    final RoutingMetrics metrics;
    final AttemptHooks hooks;
    final RetryPolicy retries = new RetryPolicy();

    public AttemptLoop(
            Vertx vertx, RouteTable table, ProviderCall calls, RoutingMetrics metrics, List<AttemptHook> hooks) {
        this.vertx = vertx;
        this.table = table;
        this.calls = calls;
        this.metrics = metrics;
        this.hooks = new AttemptHooks(hooks);
    }

    @Override
    public Future<Reply> run(RequestContext ctx) {
        return new AttemptRun(this, ctx).start();
    }
}
