package dev.meridian.simulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the simulator received, as it arrived.
 *
 * @param request method, path, query, headers (lower-case names) and raw body bytes
 * @param receivedAt when its body had been read
 * @param httpVersion the protocol the request came over, as its ALPN name: "http/1.1" or "h2"
 */
public record RecordedRequest(InboundRequest request, Instant receivedAt, String httpVersion) {

    public RecordedRequest {
        requireNonNull(request, "request");
        requireNonNull(receivedAt, "receivedAt");
    }

    public String method() {
        return request.method();
    }

    public String path() {
        return request.path();
    }

    /** The raw query string, empty if none. */
    public String query() {
        return request.query();
    }

    /** All headers, keyed by lower-case name. */
    public Map<String, List<String>> headers() {
        return request.headers();
    }

    /** The first value of a header, any case. */
    public Optional<String> header(String name) {
        return request.header(name);
    }

    /** The raw body (not a copy: do not modify). */
    public byte[] body() {
        return request.body();
    }

    public String bodyText() {
        return request.bodyText();
    }

    /**
     * The body parsed as JSON.
     *
     * @throws IllegalStateException if the body is not one JSON value
     */
    public JsonNode bodyJson() {
        return Json.parse(request.body())
                .orElseThrow(() -> new IllegalStateException("body of " + request.route() + " is not JSON"));
    }
}
