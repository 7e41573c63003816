package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Utf8;
import dev.meridian.core.protocol.openai.OpenAiPassThrough;
import io.vertx.core.Future;

/**
 * Reads what routing needs from an OpenAI-protocol body (model, stream, usage request) in one validating
 * pass, after checking the body is UTF-8. The full decode happens only when the provider speaks another
 * protocol.
 */
public final class DecodeStage implements Stage {

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        String contentType = ctx.request().getHeader("content-type");
        if (contentType != null && !contentType.regionMatches(true, 0, "application/json", 0, 16)) {
            throw GatewayException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json, not '"
                    + contentType + "'.");
        }
        int invalid = Utf8.firstInvalid(ctx.body);
        if (invalid >= 0) {
            throw GatewayException.of(ErrorCode.INVALID_ENCODING, "The request body is not valid UTF-8 (first invalid"
                    + " byte at offset " + invalid + ").");
        }
        OpenAiPassThrough.Scan scan = ctx.operation() == Operation.CHAT
                ? OpenAiPassThrough.scanChat(ctx.body)
                : OpenAiPassThrough.scanEmbeddings(ctx.body);
        ctx.scan = scan;
        ctx.model = scan.model();
        ctx.stream = scan.stream();
        ctx.callerWantsUsage = scan.includeUsage();
        return next.run(ctx);
    }
}
