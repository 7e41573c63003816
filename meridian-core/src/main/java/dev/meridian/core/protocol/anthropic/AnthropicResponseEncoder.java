package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a canonical answer as an Anthropic Message object (https://platform.claude.com/docs/en/api/messages,
 * response), for a caller of the Messages API served by another protocol: its blocks in the order the model
 * produced them ({@code thinking} with its signature, empty when the provider gave none; {@code redacted_thinking};
 * non-empty {@code text}; {@code tool_use} with the arguments as the {@code input} object), {@code stop_reason} by
 * {@link AnthropicStopReasons#fromFinishReason} and Anthropic's usage, whose {@code input_tokens} leaves out the
 * prompt-cache reads and writes reported beside it. The id is the provider's. Pure.
 */
public final class AnthropicResponseEncoder {

    private AnthropicResponseEncoder() {}

    /**
     * @throws GatewayException {@code UPSTREAM_ERROR} when the answer has no choice, or a tool call's arguments are
     *                          not a JSON object (Anthropic's {@code input} must be one)
     */
    public static byte[] encode(ChatResponse answer) {
        if (answer.choices().isEmpty()) {
            throw GatewayException.of(ErrorCode.UPSTREAM_ERROR, "The provider's answer has no choice.");
        }
        Choice choice = answer.choices().get(0);
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("id", answer.id());
            g.writeStringField("type", "message");
            g.writeStringField("role", "assistant");
            g.writeStringField("model", answer.model());
            g.writeArrayFieldStart("content");
            for (ContentPart part : choice.message().content()) {
                writeBlock(g, part);
            }
            g.writeEndArray();
            g.writeStringField("stop_reason", AnthropicStopReasons.fromFinishReason(choice.finishReason()));
            g.writeNullField("stop_sequence");
            g.writeFieldName("usage");
            writeUsage(g, answer.usage() == null ? Usage.ZERO : answer.usage());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeBlock(JsonGenerator g, ContentPart part) throws IOException {
        if (part instanceof ContentPart.Text t) {
            if (!t.text().isEmpty()) {
                g.writeStartObject();
                g.writeStringField("type", "text");
                g.writeStringField("text", t.text());
                g.writeEndObject();
            }
        } else if (part instanceof ContentPart.Thinking t) {
            g.writeStartObject();
            g.writeStringField("type", "thinking");
            g.writeStringField("thinking", t.text());
            g.writeStringField("signature", t.signature() == null ? "" : t.signature());
            g.writeEndObject();
        } else if (part instanceof ContentPart.RedactedThinking r) {
            g.writeStartObject();
            g.writeStringField("type", "redacted_thinking");
            g.writeStringField("data", r.data());
            g.writeEndObject();
        } else if (part instanceof ContentPart.ToolCall c) {
            g.writeStartObject();
            g.writeStringField("type", "tool_use");
            g.writeStringField("id", c.id());
            g.writeStringField("name", c.name());
            g.writeFieldName("input");
            Json.MAPPER.writeTree(g, input(c));
            g.writeEndObject();
        }
        // An image in an answer: no chat provider produces one
    }

    /** A tool call's arguments as the object Anthropic's {@code input} is; empty arguments are the empty object. */
    static JsonNode input(ContentPart.ToolCall call) {
        if (call.arguments().isBlank()) {
            return Json.object();
        }
        JsonNode input;
        try {
            input = Json.parse(call.arguments().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            throw GatewayException.of(
                    ErrorCode.UPSTREAM_ERROR,
                    "The provider's call of tool '" + call.name()
                            + "' has arguments that are not a JSON object, which Anthropic's tool_use input must be.");
        }
        return input;
    }

    /**
     * Anthropic's usage object: {@code input_tokens} (without the cache's), both cache counts, {@code output_tokens}.
     */
    static void writeUsage(JsonGenerator g, Usage u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("input_tokens", Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheWriteTokens()));
        g.writeNumberField("cache_creation_input_tokens", u.cacheWriteTokens());
        g.writeNumberField("cache_read_input_tokens", u.cachedInputTokens());
        g.writeNumberField("output_tokens", u.outputTokens());
        g.writeEndObject();
    }
}
