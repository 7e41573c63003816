package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Json;

/**
 * A Responses API request body rewritten as the chat-completions body it means, so the simulator answers both APIs
 * with one engine: {@code instructions} become a system message, input items become messages (consecutive
 * {@code function_call} items one assistant turn with tool calls, {@code function_call_output} items tool
 * messages; reasoning items are dropped), flat function tools become nested ones, {@code max_output_tokens}
 * becomes {@code max_completion_tokens} and {@code text.format} becomes {@code response_format}.
 */
final class ResponsesChatBody {

    private ResponsesChatBody() {}

    static ObjectNode of(JsonNode body) {
        ObjectNode chat = Json.object();
        chat.set("model", body.path("model"));
        ArrayNode messages = chat.putArray("messages");
        if (body.path("instructions").isTextual()) {
            messages.addObject()
                    .put("role", "system")
                    .put("content", body.path("instructions").textValue());
        }
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.textValue());
        } else {
            ObjectNode assistant = null;
            for (JsonNode item : input) {
                String type = item.path("type").asText(item.has("role") ? "message" : "");
                if (type.equals("function_call")) {
                    if (assistant == null) {
                        assistant = messages.addObject().put("role", "assistant");
                        assistant.putNull("content");
                    }
                    ObjectNode call = assistant.withArray("tool_calls").addObject();
                    call.set("id", item.path("call_id"));
                    call.put("type", "function");
                    call.putObject("function").set("name", item.path("name"));
                    ((ObjectNode) call.get("function")).set("arguments", item.path("arguments"));
                    continue;
                }
                assistant = null;
                if (type.equals("function_call_output")) {
                    messages.addObject()
                            .put("role", "tool")
                            .put("tool_call_id", item.path("call_id").asText())
                            .put("content", text(item.path("output")));
                } else if (type.equals("message")) {
                    messages.addObject()
                            .put("role", item.path("role").asText())
                            .put("content", text(item.path("content")));
                }
            }
        }
        if (body.path("tools").isArray()) {
            ArrayNode tools = chat.putArray("tools");
            for (JsonNode tool : body.path("tools")) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.set("name", tool.path("name"));
                copy(tool, function, "description", "description");
                copy(tool, function, "parameters", "parameters");
            }
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.isTextual()) {
            chat.set("tool_choice", choice);
        } else if (choice.isObject()) {
            chat.putObject("tool_choice")
                    .put("type", "function")
                    .putObject("function")
                    .set("name", choice.path("name"));
        }
        copy(body, chat, "max_output_tokens", "max_completion_tokens");
        copy(body, chat, "temperature", "temperature");
        copy(body, chat, "top_p", "top_p");
        copy(body, chat, "stream", "stream");
        JsonNode format = body.path("text").path("format");
        if ("json_schema".equals(format.path("type").asText())) {
            ObjectNode schema =
                    chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            copy(format, schema, "name", "name");
            copy(format, schema, "schema", "schema");
        } else if ("json_object".equals(format.path("type").asText())) {
            chat.putObject("response_format").put("type", "json_object");
        }
        return chat;
    }

    /** A content string, or the text of its parts joined. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    private static void copy(JsonNode from, ObjectNode to, String field, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field));
        }
    }
}
