package dev.meridian.server.pipeline;

import io.vertx.core.Future;

/**
 * One concern of the request path. A stage may answer by itself (fail with a GatewayException, or return a
 * reply), call {@code next} once, or call it several times (retries, fallbacks), and may post-process what
 * comes back. Runs on the request's event loop and must not block.
 */
@FunctionalInterface
public interface Stage {

    Future<Reply> apply(RequestContext ctx, Next next);

    /** The rest of the pipeline after a stage. */
    @FunctionalInterface
    interface Next {
        Future<Reply> run(RequestContext ctx);
    }
}
