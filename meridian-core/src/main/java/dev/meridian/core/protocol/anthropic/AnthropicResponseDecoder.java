package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Anthropic Message object (https://platform.claude.com/docs/en/api/messages, response) into the
 * canonical answer: {@code text} → Text, {@code thinking} → Thinking with its signature,
 * {@code redacted_thinking} → RedactedThinking, {@code tool_use} → ToolCall with the compact JSON of its
 * {@code input}, in the order Anthropic gave them. Other block types (server tools, which the gateway never
 * declares) are not part of a chat completion and are skipped. Anthropic gives no creation time; the caller
 * passes the time the answer arrived.
 */
public final class AnthropicResponseDecoder {

    private AnthropicResponseDecoder() {}

    /**
     * @throws dev.meridian.core.error.GatewayException {@code UPSTREAM_ERROR} when the body is not a Message
     */
    public static ChatResponse decode(byte[] body, String provider, long created) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, "response", e);
        }
        if (root == null
                || !root.isObject()
                || !root.path("content").isArray()
                || Json.text(root, "id") == null
                || Json.text(root, "model") == null) {
            throw UpstreamErrors.malformed(provider, "response: not a Messages API message");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : root.get("content")) {
            ContentPart part = part(block, provider);
            if (part != null) {
                parts.add(part);
            }
        }
        Message message = new Message(Role.ASSISTANT, parts, null, null);
        Choice choice = new Choice(0, message, AnthropicStopReasons.toFinishReason(Json.text(root, "stop_reason")));
        JsonNode usage = root.get("usage");
        return new ChatResponse(
                Json.text(root, "id"),
                Json.text(root, "model"),
                created,
                List.of(choice),
                usage == null || usage.isNull()
                        ? null
                        : AnthropicUsage.NONE.updatedWith(usage).toUsage(),
                null);
    }

    private static ContentPart part(JsonNode block, String provider) {
        String type = Json.text(block, "type");
        if (type == null) {
            throw UpstreamErrors.malformed(provider, "response: a content block has no type");
        }
        return switch (type) {
            case "text" -> ContentPart.Text.of(required(block, "text", provider));
            case "thinking" ->
                new ContentPart.Thinking(required(block, "thinking", provider), Json.text(block, "signature"));
            case "redacted_thinking" -> new ContentPart.RedactedThinking(required(block, "data", provider));
            case "tool_use" ->
                new ContentPart.ToolCall(
                        required(block, "id", provider),
                        required(block, "name", provider),
                        compact(block.get("input")),
                        null);
            default -> null;
        };
    }

    private static String required(JsonNode block, String field, String provider) {
        String value = Json.text(block, field);
        if (value == null) {
            throw UpstreamErrors.malformed(
                    provider, "response: a '" + Json.text(block, "type") + "' block has no '" + field + "'");
        }
        return value;
    }

    private static String compact(JsonNode input) {
        return input == null || input.isNull() ? "{}" : new String(Json.bytes(input), StandardCharsets.UTF_8);
    }
}
