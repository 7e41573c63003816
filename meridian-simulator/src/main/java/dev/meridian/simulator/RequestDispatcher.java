package dev.meridian.simulator;

import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.ProtocolHandler;
import dev.meridian.simulator.engine.SimResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads each request's body, records it, and hands it to the control API or to the first protocol
 * handler that claims it. Shared by every server instance; thread-safe.
 */
final class RequestDispatcher {

    private final List<ProtocolHandler> handlers;
    private final FaultQueue faults;
    private final ControlApi control;
    private final RequestLog log;
    private final boolean recording;

    RequestDispatcher(List<ProtocolHandler> handlers, FaultQueue faults, RequestLog log, boolean recording) {
        this.handlers = List.copyOf(handlers);
        this.faults = faults;
        this.control = new ControlApi(faults, log);
        this.log = log;
        this.recording = recording;
    }

    void handle(HttpServerRequest request, ResponseWriter writer) {
        request.body()
                .onSuccess(body -> writer.write(
                        request,
                        answer(inbound(request, body), request.version().alpnName())))
                .onFailure(failure -> request.response().setStatusCode(400).end());
    }

    private SimResponse answer(InboundRequest request, String httpVersion) {
        if (request.path().startsWith(ControlApi.PREFIX)) {
            return control.handle(request);
        }
        if (recording) {
            log.add(new RecordedRequest(request, Instant.now(), httpVersion));
        }
        ProtocolHandler handler = handlers.stream()
                .filter(h -> h.claims(request))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no protocol claims " + request.route()));
        try {
            return handler.handle(request, faults);
        } catch (RuntimeException e) {
            return handler.internalError("The simulator failed: " + e);
        }
    }

    private static InboundRequest inbound(HttpServerRequest request, Buffer body) {
        String path = request.path();
        if (path.indexOf('%') >= 0) {
            // Gemini's "models/x:generateContent" may arrive with the colon percent-encoded.
            path = path.replace("%3A", ":").replace("%3a", ":");
        }
        String query = request.query() == null ? "" : request.query();
        return new InboundRequest(
                request.method().name(),
                path,
                query,
                toMap(request.params(), false),
                toMap(request.headers(), true),
                body.getBytes());
    }

    private static Map<String, List<String>> toMap(MultiMap values, boolean lowerCaseNames) {
        Map<String, List<String>> out = new HashMap<>();
        for (Map.Entry<String, String> entry : values) {
            String name = lowerCaseNames ? entry.getKey().toLowerCase(Locale.ROOT) : entry.getKey();
            out.computeIfAbsent(name, n -> new ArrayList<>(1)).add(entry.getValue());
        }
        return out;
    }
}
