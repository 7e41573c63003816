package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.auth.Principal;
import io.vertx.core.Future;

/**
 * May this caller use the model it named? A key's model allow-list refuses others as if they did not exist (404, as
 * OpenAI answers for a model a key cannot see); it is checked first, so a key never learns which models its plan
 * holds beyond its own list. Then the tenant's plan: a model outside it is 403 {@code model_not_allowed}, since the
 * caller may well see the model and must be told why it cannot use it.
 */
public final class AccessStage implements Stage {

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        Principal principal = ctx.principal();
        if (principal != null) {
            if (!principal.mayUse(ctx.model())) {
                throw GatewayException.builder(
                                ErrorCode.MODEL_NOT_FOUND,
                                "The model `" + ctx.model() + "` does not exist or you do not have access to it.")
                        .param("model")
                        .build();
            }
            if (!principal.limits().planAllows(ctx.model())) {
                throw GatewayException.builder(
                                ErrorCode.MODEL_NOT_ALLOWED,
                                "The model `" + ctx.model() + "` is not included in your organisation's plan.")
                        .param("model")
                        .build();
            }
        }
        return next.run(ctx);
    }
}
