package dev.meridian.server.http;

import dev.meridian.server.runtime.GatewayRuntime;
import io.vertx.core.http.HttpServerResponse;

/**
 * Kubernetes probes. Live: the process serves HTTP. Ready: started and not shutting down (a replica that is
 * draining answers 503 so the load balancer stops sending it traffic).
 */
final class Health {

    private Health() {}

    static void live(HttpServerResponse out) {
        out.putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
    }

    static void ready(GatewayRuntime runtime, HttpServerResponse out) {
        boolean ready = runtime.ready();
        out.setStatusCode(ready ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(ready ? "{\"status\":\"READY\"}" : "{\"status\":\"NOT_READY\"}");
    }
}
