package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.ImageSource;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The Responses API's input items in canonical messages: {@code message} items (the type may be left out), then
 * {@code function_call}, {@code function_call_output} and {@code reasoning} items. An assistant's message, its
 * reasoning and its function calls, given as consecutive items, make one assistant message, in their order. Every
 * other item type (item references, built-in tool calls) is refused with a 400 naming the item.
 */
final class ResponsesInput {

    private ResponsesInput() {}

    /** The {@code input} field as items: a string is one user message. */
    static ArrayNode items(JsonNode input) {
        if (input == null || input.isNull()) {
            throw Fields.missing("input");
        }
        if (input.isTextual()) {
            ArrayNode items = Json.NODES.arrayNode();
            items.addObject().put("type", "message").put("role", "user").put("content", input.textValue());
            return items;
        }
        if (!input.isArray()) {
            throw Fields.mistyped("input", "a string or an array of input items", input);
        }
        return (ArrayNode) input;
    }

    /** Decodes items (validating each) into messages; {@code path} names the array in errors. */
    static List<Message> messages(ArrayNode items, String path) {
        List<Message> messages = new ArrayList<>(items.size());
        List<ContentPart> assistant = new ArrayList<>(2);
        for (int i = 0; i < items.size(); i++) {
            String at = Fields.index(path, i);
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw Fields.mistyped(at, "an input item object", item);
            }
            String type = Fields.optionalString(item, "type", Fields.path(at, "type"));
            if (type == null && item.has("role")) {
                type = "message";
            }
            if (type == null) {
                throw Fields.missing(Fields.path(at, "type"));
            }
            switch (type) {
                case "message" -> {
                    Message m = message(item, at);
                    if (m.role() == Role.ASSISTANT) {
                        assistant.addAll(m.content());
                    } else {
                        flush(assistant, messages);
                        messages.add(m);
                    }
                }
                case "function_call" ->
                    assistant.add(new ContentPart.ToolCall(
                            Fields.requiredString(item, "call_id", Fields.path(at, "call_id")),
                            Fields.requiredString(item, "name", Fields.path(at, "name")),
                            Fields.requiredString(item, "arguments", Fields.path(at, "arguments")),
                            null));
                case "function_call_output" -> {
                    flush(assistant, messages);
                    String callId = Fields.requiredString(item, "call_id", Fields.path(at, "call_id"));
                    messages.add(new Message(Role.TOOL, output(item, Fields.path(at, "output")), null, callId));
                }
                case "reasoning" -> {
                    ContentPart part = reasoning(item, at);
                    if (part != null) {
                        assistant.add(part);
                    }
                }
                default ->
                    throw GatewayException.builder(
                                    ErrorCode.UNSUPPORTED_PARAMETER,
                                    "Input items of type '" + type + "' are not supported by this gateway; send"
                                            + " messages, function_call, function_call_output and reasoning items.")
                            .param(Fields.path(at, "type"))
                            .build();
            }
        }
        flush(assistant, messages);
        return messages;
    }

    private static void flush(List<ContentPart> assistant, List<Message> messages) {
        if (!assistant.isEmpty()) {
            messages.add(new Message(Role.ASSISTANT, assistant, null, null));
            assistant.clear();
        }
    }

    private static Message message(JsonNode item, String at) {
        String rolePath = Fields.path(at, "role");
        Role role = switch (Fields.requiredString(item, "role", rolePath)) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            default -> throw Fields.notOneOf(rolePath, "'user', 'assistant', 'system' and 'developer'");
        };
        String contentPath = Fields.path(at, "content");
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw Fields.missing(contentPath);
        }
        if (content.isTextual()) {
            return new Message(role, List.of(ContentPart.Text.of(content.textValue())), null, null);
        }
        if (!content.isArray()) {
            throw Fields.mistyped(contentPath, "a string or an array of content parts", content);
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            parts.add(part(content.get(j), Fields.index(contentPath, j)));
        }
        return new Message(role, parts, null, null);
    }

    private static ContentPart part(JsonNode part, String at) {
        if (!part.isObject()) {
            throw Fields.mistyped(at, "a content part object", part);
        }
        String typePath = Fields.path(at, "type");
        String type = Fields.requiredString(part, "type", typePath);
        return switch (type) {
            case "input_text", "output_text" ->
                ContentPart.Text.of(Fields.requiredString(part, "text", Fields.path(at, "text")));
            case "refusal" -> ContentPart.Text.of(Fields.requiredString(part, "refusal", Fields.path(at, "refusal")));
            case "input_image" -> image(part, at);
            default ->
                throw GatewayException.builder(
                                ErrorCode.UNSUPPORTED_PARAMETER,
                                "Content parts of type '" + type + "' are not supported by this gateway; send"
                                        + " input_text, output_text and input_image parts.")
                        .param(typePath)
                        .build();
        };
    }

    private static ContentPart image(JsonNode part, String at) {
        String urlPath = Fields.path(at, "image_url");
        String url = Fields.optionalString(part, "image_url", urlPath);
        if (url == null) {
            throw GatewayException.builder(
                            ErrorCode.UNSUPPORTED_PARAMETER,
                            "Images are taken by 'image_url' (a URL or a data URL); file ids are not supported.")
                    .param(urlPath)
                    .build();
        }
        ImageSource source =
                url.regionMatches(true, 0, "data:", 0, 5) ? inline(url, urlPath) : new ImageSource.Url(url);
        String detail = Fields.optionalString(part, "detail", Fields.path(at, "detail"));
        return new ContentPart.Image(source, detail, null);
    }

    private static ImageSource inline(String url, String path) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (!meta.endsWith(";base64")) {
            throw GatewayException.invalid(path, "Invalid '" + path + "': a data URL must be base64 encoded.");
        }
        return new ImageSource.Inline(meta.substring(0, meta.length() - ";base64".length()), url.substring(comma + 1));
    }

    private static List<ContentPart> output(JsonNode item, String path) {
        JsonNode output = item.get("output");
        if (output == null || output.isNull()) {
            throw Fields.missing(path);
        }
        if (output.isTextual()) {
            return List.of(ContentPart.Text.of(output.textValue()));
        }
        if (!output.isArray()) {
            throw Fields.mistyped(path, "a string or an array of content parts", output);
        }
        List<ContentPart> parts = new ArrayList<>(output.size());
        for (int j = 0; j < output.size(); j++) {
            parts.add(part(output.get(j), Fields.index(path, j)));
        }
        return parts;
    }

    /**
     * A reasoning item as the canonical reasoning part: its summary text with {@code encrypted_content} as the
     * signature ({@link ResponsesOutput} writes an Anthropic thinking block that way), or redacted reasoning when
     * only {@code encrypted_content} is given; null when it holds neither.
     */
    private static ContentPart reasoning(JsonNode item, String at) {
        String summaryPath = Fields.path(at, "summary");
        JsonNode summary = Fields.optionalArray(item, "summary", summaryPath);
        StringBuilder text = new StringBuilder();
        if (summary != null) {
            for (int j = 0; j < summary.size(); j++) {
                JsonNode s = summary.get(j);
                String sAt = Fields.index(summaryPath, j);
                if (!s.isObject()) {
                    throw Fields.mistyped(sAt, "a summary object", s);
                }
                text.append(Fields.requiredString(s, "text", Fields.path(sAt, "text")));
            }
        }
        String encrypted = Fields.optionalString(item, "encrypted_content", Fields.path(at, "encrypted_content"));
        if (text.length() > 0) {
            return new ContentPart.Thinking(text.toString(), encrypted);
        }
        return encrypted == null ? null : new ContentPart.RedactedThinking(encrypted);
    }
}
