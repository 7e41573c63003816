package dev.meridian.server.http;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.AuthenticateStage;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.responses.ResponseStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}}: a stored response, read or deleted by its owner (the caller's
 * tenant, or its configured key). Another owner's id, an expired one and an unknown one are all 404, so ids leak
 * nothing across tenants. Needs a caller key; errors in OpenAI's shape.
 */
final class ResponsesEndpoint {

    static final String PREFIX = "/v1/responses/";

    private final AuthenticateStage authentication;
    private final ResponseStore store;

    ResponsesEndpoint(AuthenticateStage authentication, ResponseStore store) {
        this.authentication = authentication;
        this.store = store;
    }

    void handle(HttpServerRequest request) {
        String requestId = RequestIds.fresh();
        request.response().putHeader("x-request-id", requestId);
        String id = request.path().substring(PREFIX.length());
        if (id.isEmpty() || id.indexOf('/') >= 0) {
            ErrorResponses.send(
                    request.response(),
                    GatewayException.of(
                            ErrorCode.NOT_FOUND,
                            "Unknown request URL: " + request.method() + " " + request.path() + "."));
            return;
        }
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.DELETE)) {
            request.response().putHeader("allow", "GET, DELETE");
            ErrorResponses.send(
                    request.response(),
                    GatewayException.of(
                            ErrorCode.METHOD_NOT_ALLOWED,
                            "Method " + method + " is not allowed for " + request.path() + "; use GET or DELETE."));
            return;
        }
        authentication
                .authenticate(request)
                .compose(principal -> method.equals(HttpMethod.GET) ? get(principal, id) : delete(principal, id))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ErrorResponses.send(request.response(), Failures.asGatewayError(ar.cause()));
                    } else if (!request.response().ended()
                            && !request.response().closed()) {
                        request.response()
                                .putHeader("content-type", "application/json")
                                .end(ar.result());
                    }
                });
    }

    private Future<Buffer> get(Principal principal, String id) {
        return store.find(ResponseStore.owner(principal), id).map(found -> {
            if (found == null) {
                throw notFound(id);
            }
            return Buffer.buffer(found.response());
        });
    }

    private Future<Buffer> delete(Principal principal, String id) {
        return store.delete(ResponseStore.owner(principal), id).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return Buffer.buffer(Json.bytes(Json.object()
                    .put("id", id)
                    .put("object", "response.deleted")
                    .put("deleted", true)));
        });
    }

    private static GatewayException notFound(String id) {
        return GatewayException.builder(ErrorCode.NOT_FOUND, "Response with id '" + id + "' not found.")
                .param("response_id")
                .build();
    }
}
