package dev.meridian.core.protocol.openai;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.mistyped;
import static dev.meridian.core.json.Fields.optionalArray;
import static dev.meridian.core.json.Fields.optionalObject;
import static dev.meridian.core.json.Fields.optionalString;
import static dev.meridian.core.json.Fields.path;
import static dev.meridian.core.json.Fields.requiredObject;
import static dev.meridian.core.json.Fields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.ImageSource;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the {@code messages} of an OpenAI chat completions request. Beyond OpenAI's own fields it reads
 * the extensions the gateway documents for reasoning round trips: an assistant message's
 * {@code thinking_blocks} (Anthropic thinking with signatures, LiteLLM's convention), a tool call's
 * {@code extra_content.google.thought_signature} (Google's convention), and {@code cache_control} on
 * content parts, tools and messages (a message-level marker applies to its last part).
 */
final class OpenAiMessageDecoder {

    private OpenAiMessageDecoder() {}

    static List<Message> decode(JsonNode messages, String path) {
        if (messages.isEmpty()) {
            throw Fields.emptyArray(path, "message");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), index(path, i)));
        }
        return out;
    }

    private static Message message(JsonNode m, String path) {
        if (!m.isObject()) {
            throw mistyped(path, "an object", m);
        }
        String roleName = requiredString(m, "role", path(path, "role"));
        Role role = switch (roleName) {
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool" -> Role.TOOL;
            case "function" ->
                throw GatewayException.invalid(
                        path(path, "role"),
                        "Role 'function' is deprecated and not supported by the gateway; use 'tool' messages.");
            default -> throw Fields.notOneOf(path(path, "role"), OpenAiMessageFields.ROLES);
        };
        String name = optionalString(m, "name", path(path, "name"));
        JsonNode messageCache = optionalObject(m, "cache_control", path(path, "cache_control"));
        List<ContentPart> parts = new ArrayList<>();
        if (role == Role.ASSISTANT) {
            thinkingBlocks(m, path, parts);
        }
        content(m, role, path, parts);
        String toolCallId = null;
        if (role == Role.ASSISTANT) {
            toolCalls(m, path, parts);
            if (m.hasNonNull("function_call")) {
                throw GatewayException.invalid(
                        path(path, "function_call"),
                        "'function_call' is deprecated and not supported by the gateway; use 'tool_calls'.");
            }
        } else if (role == Role.TOOL) {
            toolCallId = requiredString(m, "tool_call_id", path(path, "tool_call_id"));
        }
        if (role != Role.ASSISTANT && parts.isEmpty() && role != Role.TOOL) {
            throw GatewayException.invalid(
                    path(path, "content"), "Missing required parameter: '" + path(path, "content") + "'.");
        }
        if (messageCache != null) {
            applyCacheControl(parts, messageCache, path);
        }
        return new Message(role, parts, name, toolCallId);
    }

    private static void content(JsonNode m, Role role, String path, List<ContentPart> parts) {
        String p = path(path, "content");
        JsonNode content = m.get("content");
        if (content == null || content.isNull()) {
            if (role == Role.ASSISTANT || role == Role.TOOL) {
                return;
            }
            throw GatewayException.invalid(p, "Missing required parameter: '" + p + "'.");
        }
        if (content.isTextual()) {
            parts.add(ContentPart.Text.of(content.textValue()));
            return;
        }
        if (!content.isArray()) {
            throw mistyped(p, "a string or an array of content parts", content);
        }
        for (int i = 0; i < content.size(); i++) {
            ContentPart part = part(content.get(i), role, index(p, i));
            if (part != null) {
                parts.add(part);
            }
        }
    }

    private static ContentPart part(JsonNode part, Role role, String path) {
        if (!part.isObject()) {
            throw mistyped(path, "an object", part);
        }
        String type = requiredString(part, "type", path(path, "type"));
        JsonNode cache = optionalObject(part, "cache_control", path(path, "cache_control"));
        switch (type) {
            case "text":
                return new ContentPart.Text(requiredString(part, "text", path(path, "text")), cache);
            case "refusal":
                if (role != Role.ASSISTANT) {
                    break;
                }
                return new ContentPart.Text(requiredString(part, "refusal", path(path, "refusal")), cache);
            case "image_url":
                if (role != Role.USER) {
                    break;
                }
                JsonNode image = requiredObject(part, "image_url", path(path, "image_url"));
                String url = requiredString(image, "url", path(path, "image_url.url"));
                ImageSource source = ImageSource.fromUrl(url);
                if (source == null) {
                    throw GatewayException.invalid(
                            path(path, "image_url.url"),
                            "Invalid '" + path(path, "image_url.url")
                                    + "': a data URL must be base64 encoded (data:<media type>;base64,<data>).");
                }
                return new ContentPart.Image(
                        source, optionalString(image, "detail", path(path, "image_url.detail")), cache);
            default:
                throw GatewayException.invalid(
                        path(path, "type"),
                        "Content part type '" + type
                                + "' is not supported by the gateway for translation to other providers; supported types are"
                                + " 'text' and 'image_url' (user), 'text' and 'refusal' (assistant).");
        }
        throw GatewayException.invalid(
                path(path, "type"),
                "Content part type '" + type + "' is not allowed in a '"
                        + role.name().toLowerCase(java.util.Locale.ROOT) + "' message.");
    }

    private static void thinkingBlocks(JsonNode m, String path, List<ContentPart> parts) {
        String p = path(path, "thinking_blocks");
        JsonNode blocks = optionalArray(m, "thinking_blocks", p);
        if (blocks == null) {
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            String bp = index(p, i);
            if (!b.isObject()) {
                throw mistyped(bp, "an object", b);
            }
            String type = requiredString(b, "type", path(bp, "type"));
            switch (type) {
                case "thinking" ->
                    parts.add(new ContentPart.Thinking(
                            requiredString(b, "thinking", path(bp, "thinking")),
                            optionalString(b, "signature", path(bp, "signature"))));
                case "redacted_thinking" ->
                    parts.add(new ContentPart.RedactedThinking(requiredString(b, "data", path(bp, "data"))));
                default ->
                    throw GatewayException.invalid(
                            path(bp, "type"),
                            "Invalid value for '" + path(bp, "type") + "': '" + type
                                    + "'. Supported values are: 'thinking' and 'redacted_thinking'.");
            }
        }
    }

    private static void toolCalls(JsonNode m, String path, List<ContentPart> parts) {
        String p = path(path, "tool_calls");
        JsonNode calls = optionalArray(m, "tool_calls", p);
        if (calls == null) {
            return;
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode c = calls.get(i);
            String cp = index(p, i);
            if (!c.isObject()) {
                throw mistyped(cp, "an object", c);
            }
            String type = optionalString(c, "type", path(cp, "type"));
            if (type != null && !type.equals("function")) {
                throw GatewayException.invalid(
                        path(cp, "type"),
                        "Tool call type '" + type + "' is not supported; only 'function' tool calls are.");
            }
            JsonNode function = requiredObject(c, "function", path(cp, "function"));
            String signature = null;
            JsonNode google = c.path("extra_content").path("google");
            if (google.hasNonNull("thought_signature")) {
                signature =
                        optionalString(google, "thought_signature", path(cp, "extra_content.google.thought_signature"));
            }
            parts.add(new ContentPart.ToolCall(
                    requiredString(c, "id", path(cp, "id")),
                    requiredString(function, "name", path(cp, "function.name")),
                    requiredString(function, "arguments", path(cp, "function.arguments")),
                    signature));
        }
    }

    private static void applyCacheControl(List<ContentPart> parts, JsonNode cache, String path) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            ContentPart part = parts.get(i);
            if (part instanceof ContentPart.Text t) {
                parts.set(i, new ContentPart.Text(t.text(), cache));
                return;
            }
            if (part instanceof ContentPart.Image img) {
                parts.set(i, new ContentPart.Image(img.source(), img.detail(), cache));
                return;
            }
        }
        throw GatewayException.invalid(
                path(path, "cache_control"),
                "'" + path(path, "cache_control") + "' needs a text or image part to apply to.");
    }
}
