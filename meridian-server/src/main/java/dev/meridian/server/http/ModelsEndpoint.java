package dev.meridian.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.routing.Deployment;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.AuthenticateStage;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RoutingStatus;
import dev.meridian.server.runtime.GatewayRuntime;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * {@code GET /v1/models}: the configured public model names, in OpenAI's list shape, each with a
 * {@code meridian} object showing its deployments' health and circuit state. A smart model none of whose
 * candidates is configured (it could only answer 404) is left out. Needs a caller key.
 */
final class ModelsEndpoint {

    private final GatewayRuntime runtime;
    private final AuthenticateStage authentication;

    ModelsEndpoint(GatewayRuntime runtime) {
        this.runtime = runtime;
        this.authentication = new AuthenticateStage(runtime.authenticator());
    }

    void handle(HttpServerRequest request) {
        String requestId = RequestIds.fresh();
        authentication.authenticate(request).onComplete(ar -> {
            if (ar.failed()) {
                ErrorResponses.send(
                        request.response().putHeader("x-request-id", requestId), (GatewayException) ar.cause());
            } else {
                list(request, requestId, ar.result());
            }
        });
    }

    private void list(HttpServerRequest request, String requestId, Principal principal) {
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (ModelGroup group : runtime.routes().groups()) {
            if (!principal.mayUse(group.name()) || !runtime.routes().canServe(group)) {
                continue;
            }
            List<Deployment<Route>> deployments = group.deployments();
            data.addObject()
                    .put("id", group.name())
                    .put("object", "model")
                    .put("created", runtime.startedEpochSeconds())
                    .put(
                            "owned_by",
                            deployments.size() == 1 ? deployments.get(0).provider() : "meridian")
                    .set("meridian", RoutingStatus.group(group));
        }
        request.response()
                .putHeader("content-type", "application/json")
                .putHeader("x-request-id", requestId)
                .end(Buffer.buffer(Json.bytes(list)));
    }
}
