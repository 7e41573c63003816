package dev.meridian.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.SimResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own HTTP API under {@code /_sim/}, for tests that drive it from outside the JVM:
 *
 * <ul>
 *   <li>{@code POST /_sim/faults}: queue a fault (a JSON object, or an array of them) — see
 *       {@link Fault#fromJson}; answers 201 with the pending faults.
 *   <li>{@code GET /_sim/faults}: the pending faults. {@code DELETE /_sim/faults}: drop them (204).
 *   <li>{@code GET /_sim/requests[?limit=n]}: the recorded requests, oldest first (the last n).
 *       {@code DELETE /_sim/requests}: forget them (204).
 *   <li>{@code GET /_sim/health}: {@code {"status": "ok"}}.
 * </ul>
 *
 * Control requests are not recorded and not authenticated.
 */
final class ControlApi {

    static final String PREFIX = "/_sim/";

    private final FaultQueue faults;
    private final RequestLog log;

    ControlApi(FaultQueue faults, RequestLog log) {
        this.faults = faults;
        this.log = log;
    }

    SimResponse handle(InboundRequest request) {
        String route = request.method() + " " + request.path();
        try {
            return switch (route) {
                case "POST /_sim/faults" -> enqueue(request);
                case "GET /_sim/faults" -> SimResponse.json(200, pendingFaults());
                case "DELETE /_sim/faults" -> {
                    faults.clear();
                    yield noContent();
                }
                case "GET /_sim/requests" -> SimResponse.json(200, requests(request));
                case "DELETE /_sim/requests" -> {
                    log.clear();
                    yield noContent();
                }
                case "GET /_sim/health" -> SimResponse.json(200, Json.object().put("status", "ok"));
                default -> error(404, "no control route " + route);
            };
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private SimResponse enqueue(InboundRequest request) {
        JsonNode body = Json.parse(request.body())
                .orElseThrow(() -> new IllegalArgumentException("the body must be a JSON fault or array of faults"));
        List<Fault> parsed = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(item -> parsed.add(Fault.fromJson(item)));
        } else {
            parsed.add(Fault.fromJson(body));
        }
        faults.enqueue(parsed.toArray(Fault[]::new));
        return SimResponse.json(201, pendingFaults());
    }

    private ObjectNode pendingFaults() {
        ObjectNode out = Json.object();
        ArrayNode pending = out.putArray("pending");
        faults.pending().forEach(f -> pending.add(f.toJson()));
        return out;
    }

    private ObjectNode requests(InboundRequest request) {
        List<RecordedRequest> all = log.snapshot();
        int limit = request.param("limit").map(Integer::parseInt).orElse(all.size());
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("requests");
        for (RecordedRequest recorded : all.subList(Math.max(0, all.size() - limit), all.size())) {
            items.add(toJson(recorded));
        }
        return out;
    }

    private static ObjectNode toJson(RecordedRequest recorded) {
        ObjectNode item = Json.object();
        item.put("method", recorded.method()).put("path", recorded.path()).put("query", recorded.query());
        ObjectNode headers = item.putObject("headers");
        for (Map.Entry<String, List<String>> header : recorded.headers().entrySet()) {
            ArrayNode values = headers.putArray(header.getKey());
            header.getValue().forEach(values::add);
        }
        JsonNode body = Json.parse(recorded.body()).orElse(null);
        if (body != null) {
            item.set("body", body);
        } else {
            item.put("body", recorded.bodyText());
        }
        item.put("receivedAt", recorded.receivedAt().toString());
        return item;
    }

    private static SimResponse noContent() {
        return new SimResponse.Body(204, Map.of(), new byte[0], Directives.NONE);
    }

    private static SimResponse error(int status, String message) {
        return SimResponse.json(status, Json.object().put("error", message));
    }
}
