package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.StatefulRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.UsageMeter;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A Responses API stream from a deployment that serves it, relayed event by event with its exact bytes. Only the
 * events that matter are parsed: the terminal one ({@code response.completed}, {@code response.incomplete},
 * {@code response.failed}), whose response object gives usage, model and what the store keeps, and an
 * {@code error} event, which ends the caller's stream with the gateway's error event. Deltas mark that content
 * started and have their text counted (a streaming read, no tree), for the usage of a stream cut before its end. A
 * stream that ends without a terminal event was cut.
 */
final class ResponsesPassThroughStream implements StreamTranslator, StatefulRequest.Completion {

    private static final java.util.Set<String> TERMINAL =
            java.util.Set.of("response.completed", "response.incomplete", "response.failed");

    private final String provider;
    private final SseParser parser = new SseParser(true);
    private final UsageMeter meter = new UsageMeter();
    private int events;
    private boolean finished;
    private ObjectNode completed;

    ResponsesPassThroughStream(String provider) {
        this.provider = provider;
    }

    @Override
    public void onBytes(byte[] chunk, Consumer<byte[]> out) {
        parser.feed(chunk, event -> forward(event, out));
    }

    private void forward(SseEvent event, Consumer<byte[]> out) {
        if (!event.hasData()) {
            out.accept(event.raw());
            return;
        }
        String type = event.event();
        JsonNode data = null;
        if (type == null || TERMINAL.contains(type) || "error".equals(type)) {
            data = parse(event.data());
            type = Json.text(data, "type");
        }
        if ("error".equals(type)) {
            throw ResponsesPassThrough.streamError(provider, data);
        }
        if (type != null && (type.equals("response.completed") || type.equals("response.incomplete"))) {
            JsonNode response = data.get("response");
            if (response instanceof ObjectNode r) {
                ResponsesPassThrough.Read read = ResponsesPassThrough.read(r);
                meter.model(read.model());
                if (read.usage() != null) {
                    meter.usage(read.usage());
                }
                completed = r;
            }
            finished = true;
        } else if ("response.failed".equals(type)) {
            finished = true;
        } else if (type != null && type.endsWith(".delta")) {
            meter.markContent();
            String delta = delta(event.data());
            if (delta != null) {
                meter.delivered().append(delta);
            }
        }
        events++;
        out.accept(event.raw());
    }

    /**
     * The {@code delta} string of a delta event, read with a streaming parser (no tree), for counting the output of
     * a stream cut before its usage; null when there is none.
     */
    private String delta(byte[] data) {
        try (JsonParser p = Json.FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw UpstreamErrors.malformed(provider, "stream event (not a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("delta".equals(name) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, "stream event (not JSON)");
        }
    }

    private JsonNode parse(byte[] data) {
        try {
            JsonNode node = Json.parse(data);
            if (!node.isObject()) {
                throw UpstreamErrors.malformed(provider, "stream event (not a JSON object)");
            }
            return node;
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, "stream event (not JSON)");
        }
    }

    @Override
    public void onEnd(Consumer<byte[]> out) {
        boolean partial = parser.finish();
        if (!finished || partial) {
            completed = null;
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider + "' ended the stream before it was complete.")
                    .provider(provider)
                    .build();
        }
    }

    @Override
    public byte[] error(GatewayException e) {
        return ResponsesStreamEncoder.errorEvent(e, events);
    }

    @Override
    public UsageMeter meter() {
        return meter;
    }

    @Override
    public byte[] completedResponse() {
        return completed == null ? null : Json.bytes(completed);
    }
}
