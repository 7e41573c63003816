package dev.meridian.core.protocol.anthropic;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.mistyped;
import static dev.meridian.core.json.Fields.optionalBoolean;
import static dev.meridian.core.json.Fields.path;
import static dev.meridian.core.json.Fields.requiredObject;
import static dev.meridian.core.json.Fields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.ImageSource;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an Anthropic Messages request's {@code system} and {@code messages}
 * (https://platform.claude.com/docs/en/api/messages) into canonical messages, the mirror of
 * {@link AnthropicMessageEncoder}:
 * <ul>
 *   <li>{@code system}, a string or text blocks, becomes one system message (each block a text part, its
 *       {@code cache_control} kept);</li>
 *   <li>a user turn's {@code tool_result} blocks become {@code tool} messages, in order, before the user message
 *       holding the turn's other blocks (text, images), the order OpenAI needs after an assistant's tool calls;</li>
 *   <li>an assistant turn keeps its blocks in order: {@code thinking} (with its signature; an empty signature is
 *       none), {@code redacted_thinking}, text and {@code tool_use} (its {@code input} as compact JSON text);</li>
 *   <li>{@code is_error: true} on a tool result has no canonical field and no OpenAI or Gemini counterpart, so it is
 *       written into the result's text as a leading {@value #TOOL_ERROR_PREFIX} (never dropped);</li>
 *   <li>a block the canonical model cannot hold (documents, search results, server tool calls and results, file
 *       images) is refused with a 400 naming it: such a request can only pass through to an Anthropic
 *       provider.</li>
 * </ul>
 * {@code cache_control} on text and image blocks is kept; on other blocks it is a prompt-cache hint that no other
 * provider reads, and is not carried. Pure.
 */
final class AnthropicContentDecoder {

    static final String TOOL_ERROR_PREFIX = "[tool error] ";

    private AnthropicContentDecoder() {}

    /** The system prompt as one system message, or null when there is none. */
    static Message system(JsonNode system) {
        if (system == null || system.isNull()) {
            return null;
        }
        if (system.isTextual()) {
            return system.textValue().isEmpty() ? null : Message.of(Role.SYSTEM, system.textValue());
        }
        if (!system.isArray()) {
            throw mistyped("system", "a string or an array of text blocks", system);
        }
        List<ContentPart> parts = new ArrayList<>(system.size());
        for (int i = 0; i < system.size(); i++) {
            String at = index("system", i);
            JsonNode block = block(system.get(i), at);
            if (!"text".equals(block.get("type").textValue())) {
                throw unsupported(at, block, "system");
            }
            parts.add(text(block, at));
        }
        return parts.isEmpty() ? null : new Message(Role.SYSTEM, parts, null, null);
    }

    /** Appends the canonical messages of {@code messages} to {@code out}. */
    static void messages(JsonNode messages, List<Message> out) {
        for (int i = 0; i < messages.size(); i++) {
            String at = index("messages", i);
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw mistyped(at, "an object", m);
            }
            String role = requiredString(m, "role", path(at, "role"));
            JsonNode content = m.get("content");
            String contentAt = path(at, "content");
            if (content == null || content.isNull()) {
                throw GatewayException.invalid(contentAt, "Missing required parameter: '" + contentAt + "'.");
            }
            switch (role) {
                case "user" -> user(content, contentAt, out);
                case "assistant" -> out.add(assistant(content, contentAt));
                default ->
                    throw GatewayException.invalid(
                            path(at, "role"),
                            "Invalid value for '" + path(at, "role") + "'. Supported values are: 'user' and"
                                    + " 'assistant' (the system prompt is the top-level 'system').");
            }
        }
    }

    private static void user(JsonNode content, String at, List<Message> out) {
        if (content.isTextual()) {
            out.add(Message.of(Role.USER, content.textValue()));
            return;
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int j = 0; j < array(content, at).size(); j++) {
            String blockAt = index(at, j);
            JsonNode block = block(content.get(j), blockAt);
            switch (block.get("type").textValue()) {
                case "text" -> parts.add(text(block, blockAt));
                case "image" -> parts.add(image(block, blockAt));
                case "tool_result" -> out.add(toolResult(block, blockAt));
                default -> throw unsupported(blockAt, block, "user");
            }
        }
        if (!parts.isEmpty()) {
            out.add(new Message(Role.USER, parts, null, null));
        }
    }

    private static Message assistant(JsonNode content, String at) {
        if (content.isTextual()) {
            return Message.of(Role.ASSISTANT, content.textValue());
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int j = 0; j < array(content, at).size(); j++) {
            String blockAt = index(at, j);
            JsonNode block = block(content.get(j), blockAt);
            switch (block.get("type").textValue()) {
                case "text" -> parts.add(text(block, blockAt));
                case "thinking" -> {
                    String signature = Json.text(block, "signature");
                    parts.add(new ContentPart.Thinking(
                            requiredString(block, "thinking", path(blockAt, "thinking")),
                            signature == null || signature.isEmpty() ? null : signature));
                }
                case "redacted_thinking" ->
                    parts.add(new ContentPart.RedactedThinking(requiredString(block, "data", path(blockAt, "data"))));
                case "tool_use" -> {
                    JsonNode input = requiredObject(block, "input", path(blockAt, "input"));
                    parts.add(new ContentPart.ToolCall(
                            requiredString(block, "id", path(blockAt, "id")),
                            requiredString(block, "name", path(blockAt, "name")),
                            new String(Json.bytes(input), StandardCharsets.UTF_8),
                            null));
                }
                default -> throw unsupported(blockAt, block, "assistant");
            }
        }
        return new Message(Role.ASSISTANT, parts, null, null);
    }

    private static Message toolResult(JsonNode block, String at) {
        String id = requiredString(block, "tool_use_id", path(at, "tool_use_id"));
        boolean error = Boolean.TRUE.equals(optionalBoolean(block, "is_error", path(at, "is_error")));
        JsonNode content = block.get("content");
        String contentAt = path(at, "content");
        List<ContentPart> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            parts.add(ContentPart.Text.of(""));
        } else if (content.isTextual()) {
            parts.add(ContentPart.Text.of(content.textValue()));
        } else {
            for (int k = 0; k < array(content, contentAt).size(); k++) {
                String partAt = index(contentAt, k);
                JsonNode part = block(content.get(k), partAt);
                switch (part.get("type").textValue()) {
                    case "text" -> parts.add(text(part, partAt));
                    case "image" -> parts.add(image(part, partAt));
                    default -> throw unsupported(partAt, part, "tool_result");
                }
            }
        }
        if (error) {
            if (!parts.isEmpty() && parts.get(0) instanceof ContentPart.Text t) {
                parts.set(0, new ContentPart.Text(TOOL_ERROR_PREFIX + t.text(), t.cacheControl()));
            } else {
                parts.add(0, ContentPart.Text.of(TOOL_ERROR_PREFIX.strip()));
            }
        }
        return new Message(Role.TOOL, parts, null, id);
    }

    private static ContentPart.Text text(JsonNode block, String at) {
        return new ContentPart.Text(requiredString(block, "text", path(at, "text")), cacheControl(block, at));
    }

    private static ContentPart.Image image(JsonNode block, String at) {
        String sourceAt = path(at, "source");
        JsonNode source = requiredObject(block, "source", sourceAt);
        String type = requiredString(source, "type", path(sourceAt, "type"));
        ImageSource image = switch (type) {
            case "base64" ->
                new ImageSource.Inline(
                        requiredString(source, "media_type", path(sourceAt, "media_type")),
                        requiredString(source, "data", path(sourceAt, "data")));
            case "url" -> new ImageSource.Url(requiredString(source, "url", path(sourceAt, "url")));
            default ->
                throw GatewayException.invalid(
                        path(sourceAt, "type"),
                        "An image source of type '" + type + "' (" + path(sourceAt, "type") + ") can only be sent"
                                + " to an Anthropic provider; use 'base64' or 'url' to reach other providers.");
        };
        return new ContentPart.Image(image, null, cacheControl(block, at));
    }

    private static JsonNode cacheControl(JsonNode block, String at) {
        JsonNode c = block.get("cache_control");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isObject()) {
            throw mistyped(path(at, "cache_control"), "an object", c);
        }
        return c;
    }

    /** A content block: an object with a string {@code type}. */
    private static JsonNode block(JsonNode block, String at) {
        if (!block.isObject()) {
            throw mistyped(at, "an object", block);
        }
        requiredString(block, "type", path(at, "type"));
        return block;
    }

    private static JsonNode array(JsonNode content, String at) {
        if (!content.isArray()) {
            throw mistyped(at, "a string or an array of content blocks", content);
        }
        return content;
    }

    private static GatewayException unsupported(String at, JsonNode block, String where) {
        return GatewayException.invalid(
                at,
                "A '" + block.get("type").textValue() + "' block (" + at + ") cannot be translated from a " + where
                        + " turn for a provider that does not speak Anthropic's Messages API; only an Anthropic"
                        + " provider can receive it.");
    }
}
