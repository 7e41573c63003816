package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a protocol answers, before the server applies the transport directives ({@code delay_ms},
 * {@code hang}, {@code cut_after}, {@code malformed}, {@code chunk_delay_ms}, {@code retry_after})
 * carried in {@link #directives()}.
 */
public sealed interface SimResponse {

    int status();

    /** Extra response headers (Content-Type is set by the server from the variant). */
    Map<String, String> headers();

    Directives directives();

    /** A complete body, normally JSON. */
    record Body(int status, Map<String, String> headers, byte[] body, Directives directives) implements SimResponse {
        public Body {
            headers = Map.copyOf(headers);
            requireNonNull(body, "body");
            requireNonNull(directives, "directives");
        }
    }

    /** A 200 {@code text/event-stream} response. */
    record EventStream(
            Map<String, String> headers, List<SseEvent> events, SseEvent.Framing framing, Directives directives)
            implements SimResponse {
        public EventStream {
            headers = Map.copyOf(headers);
            events = List.copyOf(events);
            requireNonNull(framing, "framing");
            requireNonNull(directives, "directives");
        }

        @Override
        public int status() {
            return 200;
        }
    }

    static Body json(int status, JsonNode body, Directives directives) {
        return new Body(status, Map.of(), Json.bytes(body), directives);
    }

    static Body json(int status, JsonNode body) {
        return json(status, body, Directives.NONE);
    }
}
