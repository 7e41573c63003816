package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.UsageMeter;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Anthropic provider to Anthropic caller, the pass-through path: every event is forwarded with its exact bytes as
 * soon as it is complete. Only the two events that carry usage ({@code message_start}, {@code message_delta}) and an
 * {@code error} event are parsed; a {@code content_block_delta} is scanned, without parsing, for the text it
 * delivers (counted only when a stream is cut before its usage). An {@code error} event from the provider, or an
 * unreadable usage event, ends the caller's stream with Anthropic's error event; a stream that ends before
 * {@code message_stop} is cut. Not thread-safe; one per stream.
 */
public final class AnthropicPassThroughStream implements StreamTranslator {

    private static final byte[][] DELTA_KEYS = {
        "\"text\":\"".getBytes(StandardCharsets.US_ASCII),
        "\"partial_json\":\"".getBytes(StandardCharsets.US_ASCII),
        "\"thinking\":\"".getBytes(StandardCharsets.US_ASCII)
    };

    private final String provider;
    private final SseParser parser = new SseParser(true);
    private final UsageMeter meter = new UsageMeter();
    private final Consumer<SseEvent> forward = this::forward;
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private Consumer<byte[]> out;
    private boolean stopped;

    public AnthropicPassThroughStream(String provider) {
        this.provider = provider;
    }

    @Override
    public void onBytes(byte[] chunk, Consumer<byte[]> out) {
        this.out = out;
        parser.feed(chunk, forward);
    }

    private void forward(SseEvent event) {
        String name = event.event();
        if (name != null && event.hasData()) {
            switch (name) {
                case "content_block_delta" -> {
                    meter.markContent();
                    countText(event.data());
                }
                case "content_block_start" -> meter.markContent();
                case "message_start" -> {
                    JsonNode message = parse(event).path("message");
                    meter.model(Json.text(message, "model"));
                    usage(message.get("usage"));
                }
                case "message_delta" -> usage(parse(event).get("usage"));
                case "message_stop" -> stopped = true;
                case "error" -> throw AnthropicErrors.streamError(provider, parse(event));
                default -> {
                    // ping, and event types Anthropic may add: forwarded as they are
                }
            }
        }
        out.accept(event.raw());
    }

    private void usage(JsonNode reported) {
        if (reported != null && reported.isObject()) {
            usage = usage.updatedWith(reported);
            meter.usage(usage.toUsage());
        }
    }

    /** The delta's string (text, tool input or thinking), found by its key, as delivered text. */
    private void countText(byte[] data) {
        for (byte[] key : DELTA_KEYS) {
            int at = indexOf(data, key);
            if (at >= 0) {
                int start = at + key.length;
                int end = start;
                while (end < data.length && data[end] != '"') {
                    end += data[end] == '\\' ? 2 : 1;
                }
                meter.delivered().appendJsonString(data, start, Math.min(end, data.length));
                return;
            }
        }
    }

    private static int indexOf(byte[] data, byte[] key) {
        outer:
        for (int i = 0; i <= data.length - key.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (data[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private JsonNode parse(SseEvent event) {
        try {
            JsonNode node = Json.parse(event.data());
            if (node == null || !node.isObject()) {
                throw UpstreamErrors.malformed(provider, "stream event: not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, "stream event", e);
        }
    }

    @Override
    public void onEnd(Consumer<byte[]> out) {
        this.out = out;
        parser.finish();
        if (!stopped) {
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider + "' ended the stream before message_stop.")
                    .provider(provider)
                    .build();
        }
    }

    @Override
    public byte[] error(GatewayException e) {
        return AnthropicErrors.errorEvent(e);
    }

    @Override
    public UsageMeter meter() {
        return meter;
    }
}
