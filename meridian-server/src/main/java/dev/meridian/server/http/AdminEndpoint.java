package dev.meridian.server.http;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.server.GatewayRuntime;
import dev.meridian.server.auth.StaticKeyAuthenticator;
import dev.meridian.server.pipeline.AuthenticateStage;
import dev.meridian.server.routing.RoutingStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;

/**
 * {@code GET /admin/v1/deployments}: every model group's deployments with health, circuit state and load,
 * every provider's health-check result, and the admission queue. Needs the admin key ({@code auth.adminKey}
 * or MERIDIAN_ADMIN_KEY); without one configured the admin API is off (404).
 */
final class AdminEndpoint {

    private final GatewayRuntime runtime;
    private final AuthenticateStage authentication;

    AdminEndpoint(GatewayRuntime runtime, String adminKey) {
        this.runtime = runtime;
        this.authentication = adminKey == null ? null
                : new AuthenticateStage(new StaticKeyAuthenticator(Map.of("admin", adminKey)));
    }

    void deployments(HttpServerRequest request) {
        String requestId = RequestIds.of(request.getHeader("x-request-id"));
        request.response().putHeader("x-request-id", requestId);
        if (authentication == null) {
            ErrorResponses.send(request.response(), GatewayException.of(ErrorCode.NOT_FOUND,
                    "The admin API is off: set auth.adminKey or MERIDIAN_ADMIN_KEY to enable it."));
            return;
        }
        authentication.authenticate(request).onComplete(ar -> {
            if (ar.failed()) {
                ErrorResponses.send(request.response(), (GatewayException) ar.cause());
                return;
            }
            request.response().putHeader("content-type", "application/json")
                    .end(Buffer.buffer(Json.bytes(RoutingStatus.all(runtime.routes(), runtime.admission()))));
        });
    }
}
