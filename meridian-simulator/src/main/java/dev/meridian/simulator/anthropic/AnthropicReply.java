package dev.meridian.simulator.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Completion;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Ids;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Messages answer as content blocks: an optional thinking (or, with the
 * {@code redacted_thinking} directive, redacted_thinking) block, then text or a tool_use block.
 * Thinking signatures and redacted data come from {@link Signer}, so the simulator can check them
 * when a client sends them back.
 */
record AnthropicReply(List<Block> blocks, String stopReason, Optional<String> stopSequence, Usage usage) {

    AnthropicReply {
        blocks = List.copyOf(blocks);
        requireNonNull(stopReason, "stopReason");
        requireNonNull(stopSequence, "stopSequence");
        requireNonNull(usage, "usage");
    }

    static AnthropicReply of(Completion.Choice choice, Directives directives, Ids ids, Usage usage) {
        List<Block> blocks = new ArrayList<>();
        choice.thinking()
                .ifPresent(thinking -> blocks.add(
                        directives.redactedThinking()
                                ? new Redacted(Signer.redactedData(thinking))
                                : new Thinking(thinking, Signer.thinkingSignature(thinking))));
        if (choice.output() instanceof Completion.ToolCall call) {
            blocks.add(new ToolUse(ids.next("toolu_01", 22), call.name(), call.arguments()));
        } else if (choice.output() instanceof Completion.Text text
                && !text.text().isEmpty()) {
            blocks.add(new Text(text.text()));
        }
        return new AnthropicReply(blocks, stopReason(choice.finish()), choice.stopSequence(), usage);
    }

    static String stopReason(Completion.Finish finish) {
        return switch (finish) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_CALL -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** A content block of the answer. */
    sealed interface Block {
        /** The block as the non-streaming response shows it. */
        ObjectNode toJson();
    }

    record Thinking(String thinking, String signature) implements Block {
        @Override
        public ObjectNode toJson() {
            return Json.object()
                    .put("type", "thinking")
                    .put("thinking", thinking)
                    .put("signature", signature);
        }
    }

    record Redacted(String data) implements Block {
        @Override
        public ObjectNode toJson() {
            return Json.object().put("type", "redacted_thinking").put("data", data);
        }
    }

    record Text(String text) implements Block {
        @Override
        public ObjectNode toJson() {
            return Json.object().put("type", "text").put("text", text);
        }
    }

    record ToolUse(String id, String name, JsonNode input) implements Block {
        @Override
        public ObjectNode toJson() {
            ObjectNode block =
                    Json.object().put("type", "tool_use").put("id", id).put("name", name);
            block.set("input", input);
            return block;
        }
    }

    /**
     * Token usage: {@code input} excludes the cached prefix, which is counted once as created or read.
     */
    record Usage(int input, int cacheCreation, int cacheRead, int output) {

        ObjectNode toJson(int outputTokens) {
            ObjectNode usage = Json.object()
                    .put("input_tokens", input)
                    .put("cache_creation_input_tokens", cacheCreation)
                    .put("cache_read_input_tokens", cacheRead);
            usage.putObject("cache_creation")
                    .put("ephemeral_5m_input_tokens", cacheCreation)
                    .put("ephemeral_1h_input_tokens", 0);
            usage.put("output_tokens", outputTokens).put("service_tier", "standard");
            return usage;
        }
    }
}
