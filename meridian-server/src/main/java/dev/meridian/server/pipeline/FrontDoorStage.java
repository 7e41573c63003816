package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Utf8;
import io.vertx.core.Future;

/**
 * Reads the body through the request's front door, at the edge: JSON content type, UTF-8, then the door's own
 * validating read (the model, the stream flag, every field it checks). A bad body is refused here, before
 * routing, admission, a breaker or a deployment sees it.
 */
public final class FrontDoorStage implements Stage {

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        String contentType = ctx.caller().request().getHeader("content-type");
        if (contentType != null && !contentType.regionMatches(true, 0, "application/json", 0, 16)) {
            throw GatewayException.of(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, not '" + contentType + "'.");
        }
        int invalid = Utf8.firstInvalid(ctx.body());
        if (invalid >= 0) {
            throw GatewayException.of(
                    ErrorCode.INVALID_ENCODING,
                    "The request body is not valid UTF-8 (first invalid" + " byte at offset " + invalid + ").");
        }
        ctx.inbound(ctx.door().read(ctx.body(), ctx.caller().request()::getHeader));
        return next.run(ctx);
    }
}
