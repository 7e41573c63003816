package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import io.vertx.core.Future;

/**
 * May this caller use the model it named? A key's model allow-list refuses others as if they did not exist
 * (404, as OpenAI answers for a model a key cannot see). Plan quotas join here.
 */
public final class AccessStage implements Stage {

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        if (ctx.principal() != null && !ctx.principal().mayUse(ctx.model())) {
            throw GatewayException.builder(
                            ErrorCode.MODEL_NOT_FOUND,
                            "The model `" + ctx.model() + "` does not exist or you do not have access to it.")
                    .param("model")
                    .build();
        }
        return next.run(ctx);
    }
}
