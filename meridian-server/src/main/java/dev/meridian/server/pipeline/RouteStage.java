package dev.meridian.server.pipeline;

import dev.meridian.server.routing.RouteTable;
import io.vertx.core.Future;

/** Maps the public model name to where it is served; unknown names get 404 {@code model_not_found}. */
public final class RouteStage implements Stage {

    private final RouteTable routes;

    public RouteStage(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        ctx.route = routes.route(ctx.model);
        return next.run(ctx);
    }
}
