package dev.meridian.server.http;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Errors answered outside the request pipeline (unknown route, wrong method), in OpenAI's error shape. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static void send(HttpServerResponse out, GatewayException e) {
        if (out.ended() || out.closed()) {
            return;
        }
        out.setStatusCode(e.status())
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(OpenAiErrors.encode(e)));
    }
}
