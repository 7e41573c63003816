package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the simulator received it, body read in full.
 *
 * @param method upper-case HTTP method
 * @param path the path, without the query
 * @param query the raw query string, empty if none
 * @param params decoded query parameters
 * @param headers headers, keyed by lower-case name
 * @param body the raw body bytes (not copied: callers must not modify them)
 */
public record InboundRequest(
        String method,
        String path,
        String query,
        Map<String, List<String>> params,
        Map<String, List<String>> headers,
        byte[] body) {

    public InboundRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(query, "query");
        params = Map.copyOf(params);
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
    }

    /** The first value of a header, any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code "POST /v1/chat/completions"}, as error messages quote a route. */
    public String route() {
        return method + " " + path;
    }
}
