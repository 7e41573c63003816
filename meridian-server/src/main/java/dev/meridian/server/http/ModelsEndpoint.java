package dev.meridian.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.server.GatewayRuntime;
import dev.meridian.server.pipeline.AuthenticateStage;
import dev.meridian.server.routing.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;


/** {@code GET /v1/models}: the configured public model names, in OpenAI's list shape. Needs a caller key. */
final class ModelsEndpoint {

    private final GatewayRuntime runtime;
    private final AuthenticateStage authentication;

    ModelsEndpoint(GatewayRuntime runtime) {
        this.runtime = runtime;
        this.authentication = new AuthenticateStage(runtime.authenticator());
    }

    void handle(HttpServerRequest request) {
        String requestId = RequestIds.of(request.getHeader("x-request-id"));
        try {
            authentication.authenticate(request);
        } catch (GatewayException e) {
            ErrorResponses.send(request.response().putHeader("x-request-id", requestId), e);
            return;
        }
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (Route route : runtime.routes().routes()) {
            data.addObject()
                    .put("id", route.publicName())
                    .put("object", "model")
                    .put("created", runtime.startedEpochSeconds())
                    .put("owned_by", route.provider().name());
        }
        request.response().putHeader("content-type", "application/json").putHeader("x-request-id", requestId)
                .end(Buffer.buffer(Json.bytes(list)));
    }
}
