package dev.meridian.simulator.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.anthropic.AnthropicReply.Block;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.SseEvent;
import dev.meridian.simulator.engine.TextChunks;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an {@link AnthropicReply} as a {@code message} object or as the Messages event stream:
 * {@code message_start} (usage with the input counts and {@code output_tokens: 1}), per block
 * {@code content_block_start} / deltas / {@code content_block_stop} with a {@code ping} after the
 * first block start, then {@code message_delta} (stop reason, output tokens) and
 * {@code message_stop}. Text arrives a word per {@code text_delta}, thinking a word per
 * {@code thinking_delta} followed by one {@code signature_delta}, tool input as
 * {@code input_json_delta} pieces of 8 characters after an empty first piece; redacted_thinking
 * arrives whole in its {@code content_block_start}.
 */
final class MessageEncoder {

    private static final int JSON_FRAGMENT = 8;

    private MessageEncoder() {}

    static ObjectNode message(String id, String model, AnthropicReply reply) {
        ObjectNode message = envelope(id, model);
        reply.blocks().forEach(block -> message.withArray("content").add(block.toJson()));
        message.put("stop_reason", reply.stopReason());
        message.put("stop_sequence", reply.stopSequence().orElse(null));
        message.set("usage", reply.usage().toJson(reply.usage().output()));
        return message;
    }

    static List<SseEvent> stream(String id, String model, AnthropicReply reply) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = envelope(id, model);
        start.putNull("stop_reason").putNull("stop_sequence");
        start.set("usage", reply.usage().toJson(1));
        ObjectNode messageStart = Json.object().put("type", "message_start");
        messageStart.set("message", start);
        events.add(event("message_start", messageStart));
        if (reply.blocks().isEmpty()) {
            events.add(ping());
        }
        for (int index = 0; index < reply.blocks().size(); index++) {
            block(events, index, reply.blocks().get(index));
        }
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta")
                .put("stop_reason", reply.stopReason())
                .put("stop_sequence", reply.stopSequence().orElse(null));
        delta.putObject("usage").put("output_tokens", reply.usage().output());
        events.add(event("message_delta", delta));
        events.add(event("message_stop", Json.object().put("type", "message_stop")));
        return events;
    }

    private static void block(List<SseEvent> events, int index, Block block) {
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", index);
        List<SseEvent> deltas = new ArrayList<>();
        if (block instanceof AnthropicReply.Thinking thinking) {
            start.putObject("content_block")
                    .put("type", "thinking")
                    .put("thinking", "")
                    .put("signature", "");
            TextChunks.words(thinking.thinking())
                    .forEach(p -> deltas.add(delta(index, "thinking_delta", "thinking", p)));
            deltas.add(delta(index, "signature_delta", "signature", thinking.signature()));
        } else if (block instanceof AnthropicReply.Text text) {
            start.putObject("content_block").put("type", "text").put("text", "");
            TextChunks.words(text.text()).forEach(p -> deltas.add(delta(index, "text_delta", "text", p)));
        } else if (block instanceof AnthropicReply.ToolUse toolUse) {
            start.putObject("content_block")
                    .put("type", "tool_use")
                    .put("id", toolUse.id())
                    .put("name", toolUse.name())
                    .putObject("input");
            deltas.add(delta(index, "input_json_delta", "partial_json", ""));
            TextChunks.fixed(Json.compact(toolUse.input()), JSON_FRAGMENT)
                    .forEach(p -> deltas.add(delta(index, "input_json_delta", "partial_json", p)));
        } else {
            start.set("content_block", block.toJson());
        }
        events.add(event("content_block_start", start));
        if (index == 0) {
            events.add(ping());
        }
        events.addAll(deltas);
        events.add(event(
                "content_block_stop",
                Json.object().put("type", "content_block_stop").put("index", index)));
    }

    private static ObjectNode envelope(String id, String model) {
        ObjectNode message = Json.object()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        return message;
    }

    private static SseEvent delta(int index, String type, String field, String value) {
        ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", index);
        delta.putObject("delta").put("type", type).put(field, value);
        return event("content_block_delta", delta);
    }

    private static SseEvent ping() {
        return event("ping", Json.object().put("type", "ping"));
    }

    private static SseEvent event(String name, ObjectNode data) {
        return SseEvent.named(name, Json.compact(data));
    }
}
