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

    /**
     * Asks every hook in turn. When one refuses (or throws), the hooks that had already let the call through are
     * told it was cancelled, so what they reserved is given back; the refusal is the result.
     */
    Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
        if (hooks.isEmpty()) {
            return ALLOWED;
        }
        List<AttemptHook> asked = List.copyOf(hooks);
        Future<Void> allowed = ALLOWED;
        int[] passed = {0};
        for (AttemptHook hook : asked) {
            allowed = allowed.compose(v -> hook.before(ctx, attempt).onSuccess(ok -> passed[0]++));
        }
        return allowed.onFailure(refused -> {
            for (AttemptHook hook : asked.subList(0, passed[0])) {
                settle(hook, ctx, attempt, Result.CANCELLED, null, null);
            }
        });
    }

    void after(RequestContext ctx, AttemptInfo attempt, Result result, Usage usage, GatewayException error) {
        if (hooks.isEmpty()) {
            return;
        }
        for (AttemptHook hook : hooks) {
            settle(hook, ctx, attempt, result, usage, error);
        }
    }

    private static void settle(
            AttemptHook hook,
            RequestContext ctx,
            AttemptInfo attempt,
            Result result,
            Usage usage,
            GatewayException error) {
        try {
            hook.after(ctx, attempt, result, usage, error);
        } catch (RuntimeException e) {
            LOG.error("attempt hook {} failed for request {}", hook.getClass().getName(), ctx.requestId(), e);
        }
    }
}
