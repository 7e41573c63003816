package dev.meridian.server.http;

import dev.meridian.core.json.Json;
import dev.meridian.server.runtime.GatewayRuntime;
import io.vertx.core.http.HttpServerResponse;

/**
 * Kubernetes probes. Live: the process serves HTTP. Ready: started and not shutting down (a replica that is
 * draining answers 503 so the load balancer stops sending it traffic). Readiness details say where the limit
 * counters live: a replica serving on local counters while Redis is unreachable is still ready (it serves), and
 * says so.
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
                .end(body(ready ? "READY" : "NOT_READY", runtime.limitsStatus()));
    }

    private static String body(String status, String limits) {
        var out = Json.object();
        out.put("status", status);
        out.putObject("details").put("limits", limits);
        return out.toString();
    }
}
