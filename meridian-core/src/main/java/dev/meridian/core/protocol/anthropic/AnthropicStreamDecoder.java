package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.sse.SseEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates an Anthropic Messages event stream (https://platform.claude.com/docs/en/build-with-claude/streaming)
 * one event at a time:
 * <ul>
 *   <li>{@code message_start} → Started and the first UsageReported;</li>
 *   <li>{@code text_delta} → TextDelta; {@code thinking_delta} → ReasoningDelta, and at the block's
 *       {@code content_block_stop} a ReasoningBlock with the block's whole text and the signature of its
 *       {@code signature_delta}; a {@code redacted_thinking} block → ReasoningBlock;</li>
 *   <li>a {@code tool_use} block start → ToolCallDelta with id and name, numbered among the tool_use blocks
 *       only; each {@code input_json_delta} → ToolCallDelta with the next fragment of the arguments;</li>
 *   <li>{@code message_delta} → UsageReported (cumulative) and the stop reason, reported at
 *       {@code message_stop} → Finished;</li>
 *   <li>{@code ping} and event types added later are ignored (the docs ask clients to); an {@code error}
 *       event throws.</li>
 * </ul>
 * Only one answer per stream: every event belongs to choice 0. Not thread-safe; one per stream.
 */
public final class AnthropicStreamDecoder implements ChatStreamDecoder {

    private final String provider;
    private final Clock clock;
    private final Map<Integer, Block> open = new HashMap<>();
    private int toolCalls;
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private String stopReason;
    private boolean stopped;

    public AnthropicStreamDecoder(String provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        if (!event.hasData() || stopped) {
            return;
        }
        JsonNode e = parse(event);
        String type = Json.text(e, "type");
        if (type == null) {
            throw UpstreamErrors.malformed(provider, "stream event: no type");
        }
        switch (type) {
            case "message_start" -> messageStart(e.path("message"), out);
            case "content_block_start" -> blockStart(e.path("index").asInt(), e.path("content_block"), out);
            case "content_block_delta" -> blockDelta(open.get(e.path("index").asInt()), e.path("delta"), out);
            case "content_block_stop" -> blockStop(open.remove(e.path("index").asInt()), out);
            case "message_delta" -> messageDelta(e, out);
            case "message_stop" -> {
                stopped = true;
                FinishReason reason = AnthropicStopReasons.toFinishReason(stopReason);
                out.accept(new StreamEvent.Finished(0, reason == null ? FinishReason.STOP : reason));
            }
            case "error" -> throw AnthropicErrors.streamError(provider, e);
            default -> {
                // ping, and event types Anthropic may add
            }
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (!stopped) {
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR, "Provider '" + provider + "' stream ended before message_stop")
                    .provider(provider)
                    .build();
        }
    }

    private void messageStart(JsonNode message, Consumer<StreamEvent> out) {
        String id = Json.text(message, "id");
        String model = Json.text(message, "model");
        if (id == null || model == null) {
            throw UpstreamErrors.malformed(provider, "message_start event: no message id or model");
        }
        out.accept(new StreamEvent.Started(id, model, clock.instant().getEpochSecond()));
        reportUsage(message.get("usage"), out);
    }

    private void blockStart(int index, JsonNode block, Consumer<StreamEvent> out) {
        String type = Json.text(block, "type");
        Block b = new Block("tool_use".equals(type) ? toolCalls++ : -1);
        open.put(index, b);
        if ("text".equals(type)) {
            emitText(Json.text(block, "text"), out);
        } else if ("thinking".equals(type)) {
            b.thinking = new StringBuilder();
            b.signature = Json.text(block, "signature");
            appendThinking(b, Json.text(block, "thinking"), out);
        } else if ("redacted_thinking".equals(type)) {
            out.accept(new StreamEvent.ReasoningBlock(0, new ContentPart.RedactedThinking(required(block, "data"))));
        } else if (b.toolIndex >= 0) {
            out.accept(new StreamEvent.ToolCallDelta(
                    0, b.toolIndex, required(block, "id"), required(block, "name"), "", null));
        }
    }

    private void blockDelta(Block b, JsonNode delta, Consumer<StreamEvent> out) {
        String type = Json.text(delta, "type");
        if ("text_delta".equals(type)) {
            emitText(Json.text(delta, "text"), out);
        } else if ("input_json_delta".equals(type)) {
            String fragment = Json.text(delta, "partial_json");
            if (b != null && b.toolIndex >= 0 && fragment != null && !fragment.isEmpty()) {
                out.accept(new StreamEvent.ToolCallDelta(0, b.toolIndex, null, null, fragment, null));
            }
        } else if ("thinking_delta".equals(type)) {
            appendThinking(b, Json.text(delta, "thinking"), out);
        } else if ("signature_delta".equals(type) && b != null) {
            b.signature = Json.text(delta, "signature");
        }
        // citations_delta and delta types Anthropic may add carry nothing a chat completion holds
    }

    private void blockStop(Block b, Consumer<StreamEvent> out) {
        if (b != null && b.thinking != null) {
            String signature = b.signature == null || b.signature.isEmpty() ? null : b.signature;
            out.accept(new StreamEvent.ReasoningBlock(0, new ContentPart.Thinking(b.thinking.toString(), signature)));
        }
    }

    private void messageDelta(JsonNode e, Consumer<StreamEvent> out) {
        String reason = Json.text(e.path("delta"), "stop_reason");
        if (reason != null) {
            stopReason = reason;
        }
        reportUsage(e.get("usage"), out);
    }

    private void reportUsage(JsonNode reported, Consumer<StreamEvent> out) {
        if (reported != null && reported.isObject()) {
            usage = usage.updatedWith(reported);
            out.accept(new StreamEvent.UsageReported(usage.toUsage()));
        }
    }

    private String required(JsonNode block, String field) {
        String value = Json.text(block, field);
        if (value == null) {
            throw UpstreamErrors.malformed(
                    provider,
                    "content_block_start event: a '" + Json.text(block, "type") + "' block has no '" + field + "'");
        }
        return value;
    }

    private static void emitText(String text, Consumer<StreamEvent> out) {
        if (text != null && !text.isEmpty()) {
            out.accept(new StreamEvent.TextDelta(0, text));
        }
    }

    private static void appendThinking(Block b, String text, Consumer<StreamEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (b != null && b.thinking != null) {
            b.thinking.append(text);
        }
        out.accept(new StreamEvent.ReasoningDelta(0, text));
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

    /** An open content block: its tool call number (-1 unless tool_use) and, for thinking, the text so far. */
    private static final class Block {
        final int toolIndex;
        StringBuilder thinking;
        String signature;

        Block(int toolIndex) {
            this.toolIndex = toolIndex;
        }
    }
}
