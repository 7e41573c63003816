package dev.meridian.core.protocol.anthropic;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.mistyped;
import static dev.meridian.core.json.Fields.optionalArray;
import static dev.meridian.core.json.Fields.optionalBoolean;
import static dev.meridian.core.json.Fields.optionalInt;
import static dev.meridian.core.json.Fields.optionalNumber;
import static dev.meridian.core.json.Fields.optionalObject;
import static dev.meridian.core.json.Fields.path;
import static dev.meridian.core.json.Fields.requiredString;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.Json;
import java.io.IOException;

/**
 * The front door's check of a Messages or token-counting body, at the edge, before anything is routed: JSON, an
 * object, and the shape Anthropic's API requires of every field the gateway reads or forwards (the model, the
 * messages with their roles and content blocks, {@code max_tokens}, the sampling values, tools, tool choice,
 * thinking, system). A block or tool type Anthropic may add passes, for an Anthropic provider to judge; a body that
 * must be translated is checked further by {@link AnthropicRequestDecoder}. Errors name the field. Pure.
 */
final class AnthropicScan {

    private AnthropicScan() {}

    /**
     * @param maxTokens whether {@code max_tokens} is required (Messages) or not read (token counting)
     * @return the body as a JSON object
     * @throws GatewayException 400 {@code invalid_json} or {@code invalid_request} naming the field
     */
    static ObjectNode read(byte[] body, boolean maxTokens) {
        JsonNode r = parse(body);
        requiredString(r, "model", "model");
        JsonNode messages = optionalArray(r, "messages", "messages");
        if (messages == null) {
            throw Fields.missing("messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), index("messages", i));
        }
        if (maxTokens && optionalInt(r, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE) == null) {
            throw Fields.missing("max_tokens");
        }
        optionalBoolean(r, "stream", "stream");
        optionalNumber(r, "temperature", "temperature", 0, 1);
        optionalNumber(r, "top_p", "top_p", 0, 1);
        optionalInt(r, "top_k", "top_k", 0, Integer.MAX_VALUE);
        optionalObject(r, "metadata", "metadata");
        typedObject(r, "tool_choice");
        typedObject(r, "thinking");
        JsonNode stops = optionalArray(r, "stop_sequences", "stop_sequences");
        for (int i = 0; stops != null && i < stops.size(); i++) {
            if (!stops.get(i).isTextual()) {
                throw mistyped(index("stop_sequences", i), "a string", stops.get(i));
            }
        }
        JsonNode tools = optionalArray(r, "tools", "tools");
        for (int i = 0; tools != null && i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw mistyped(index("tools", i), "an object", tool);
            }
            requiredString(tool, "name", path(index("tools", i), "name"));
        }
        JsonNode system = r.get("system");
        if (system != null && !system.isNull() && !system.isTextual()) {
            if (!system.isArray()) {
                throw mistyped("system", "a string or an array of text blocks", system);
            }
            blocks(system, "system");
        }
        return (ObjectNode) r;
    }

    private static void message(JsonNode m, String at) {
        if (!m.isObject()) {
            throw mistyped(at, "an object", m);
        }
        String role = requiredString(m, "role", path(at, "role"));
        if (!role.equals("user") && !role.equals("assistant")) {
            throw Fields.notOneOf(path(at, "role"), "'user' and 'assistant'");
        }
        JsonNode content = m.get("content");
        String contentAt = path(at, "content");
        if (content == null || content.isNull()) {
            throw Fields.missing(contentAt);
        }
        if (!content.isTextual()) {
            if (!content.isArray()) {
                throw mistyped(contentAt, "a string or an array of content blocks", content);
            }
            blocks(content, contentAt);
        }
    }

    private static void blocks(JsonNode blocks, String at) {
        for (int j = 0; j < blocks.size(); j++) {
            JsonNode block = blocks.get(j);
            String blockAt = index(at, j);
            if (!block.isObject()) {
                throw mistyped(blockAt, "an object", block);
            }
            requiredString(block, "type", path(blockAt, "type"));
        }
    }

    private static void typedObject(JsonNode r, String field) {
        JsonNode o = optionalObject(r, field, field);
        if (o != null) {
            requiredString(o, "type", path(field, "type"));
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.parse(body);
            if (node == null || node.isMissingNode()) {
                throw GatewayException.of(ErrorCode.INVALID_JSON, "The request body is empty; expected a JSON object.");
            }
            if (!node.isObject()) {
                throw GatewayException.of(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Json.invalidBody(e);
        } catch (IOException e) {
            throw GatewayException.of(ErrorCode.INVALID_JSON, "We could not read the JSON body of your request.");
        }
    }
}
