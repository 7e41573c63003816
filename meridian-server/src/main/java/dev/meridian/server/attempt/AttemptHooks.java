package dev.meridian.server.attempt;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.attempt.AttemptHook.Result;
import dev.meridian.server.pipeline.RequestContext;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks of every attempt, in order: {@code before} stops at the first refusal; {@code after} tells every hook,
 * and a hook that throws is logged, never allowed to break the request. With no hook, both cost nothing.
 */
final class AttemptHooks {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptHooks.class);
    private static final Future<Void> ALLOWED = Future.succeededFuture();

    private final List<AttemptHook> hooks;

    /** @param hooks read at every attempt, so a thread-safe list may change while serving */
    AttemptHooks(List<AttemptHook> hooks) {
        this.hooks = hooks;
    }

    Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
        if (hooks.isEmpty()) {
            return ALLOWED;
        }
        Future<Void> allowed = ALLOWED;
        for (AttemptHook hook : hooks) {
            allowed = allowed.compose(v -> hook.before(ctx, attempt));
        }
        return allowed;
    }

    void after(RequestContext ctx, AttemptInfo attempt, Result result, Usage usage, GatewayException error) {
        if (hooks.isEmpty()) {
            return;
        }
        for (AttemptHook hook : hooks) {
            try {
                hook.after(ctx, attempt, result, usage, error);
            } catch (RuntimeException e) {
                LOG.error(
                        "attempt hook {} failed for request {}", hook.getClass().getName(), ctx.requestId(), e);
            }
        }
    }
}
