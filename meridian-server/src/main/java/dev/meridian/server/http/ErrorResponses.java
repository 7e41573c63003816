package dev.meridian.server.http;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Errors answered outside the request pipeline (unknown route, wrong method): in OpenAI's error shape, or in the shape
 * of the route's own front door when it has one.
 */
final class ErrorResponses {

    private ErrorResponses() {}

    /**
     * A request Netty could not decode (header abuse, an overlong request line, bad syntax): answered in OpenAI's
     * error shape with 431, 414 or 400, then the connection is closed since its framing cannot be trusted.
     */
    static void invalidHttp(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        GatewayException e;
        if (cause instanceof TooLongHttpHeaderException) {
            e = GatewayException.of(ErrorCode.HEADERS_TOO_LARGE, "The request headers are too large.");
        } else if (cause instanceof TooLongHttpLineException) {
            e = GatewayException.of(ErrorCode.URI_TOO_LONG, "The request line is too long.");
        } else {
            // Netty's message quotes the offending bytes, which may be a credential: say what is wrong, not what was
            // sent.
            e = GatewayException.of(
                    ErrorCode.INVALID_HTTP,
                    "The HTTP request is malformed: its request line or a header has bytes HTTP does not allow"
                            + " (control characters, a bare CR or LF, or a broken header line).");
        }
        HttpServerResponse out = request.response().putHeader("connection", "close");
        if (out.ended() || out.closed()) {
            return;
        }
        out.setStatusCode(e.status())
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(OpenAiErrors.encode(e)))
                .onComplete(ar -> request.connection().close());
    }

    static void send(HttpServerResponse out, GatewayException e) {
        if (out.ended() || out.closed()) {
            return;
        }
        out.setStatusCode(e.status())
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(OpenAiErrors.encode(e)));
    }

    /** An error on a route of {@code door}, in its protocol's shape and with its status. */
    static void send(HttpServerResponse out, GatewayException e, InboundProtocol door) {
        if (out.ended() || out.closed()) {
            return;
        }
        out.setStatusCode(door.errorStatus(e))
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(door.encodeError(e)));
    }
}
