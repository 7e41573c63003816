package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * The Responses API's {@code tools} and {@code tool_choice}. Function tools are flat here
 * ({@code {"type":"function","name","description","parameters","strict"}}), not nested as in chat completions.
 * Built-in tools (web_search, file_search, code_interpreter, ...) are valid requests that only a deployment serving
 * the Responses API can run: they become refusals, raised if the request is translated.
 */
final class ResponsesTools {

    private ResponsesTools() {}

    static List<Tool> tools(JsonNode tools, List<GatewayException> refusals) {
        if (tools == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String at = Fields.index("tools", i);
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw Fields.mistyped(at, "a tool object", tool);
            }
            String type = Fields.requiredString(tool, "type", Fields.path(at, "type"));
            if (!"function".equals(type)) {
                refusals.add(builtIn(type, Fields.path(at, "type")));
                continue;
            }
            JsonNode parameters = Fields.optionalObject(tool, "parameters", Fields.path(at, "parameters"));
            out.add(new Tool(
                    Fields.requiredString(tool, "name", Fields.path(at, "name")),
                    Fields.optionalString(tool, "description", Fields.path(at, "description")),
                    parameters,
                    Fields.optionalBoolean(tool, "strict", Fields.path(at, "strict")),
                    null));
        }
        return out;
    }

    /** {@code "auto"}, {@code "none"}, {@code "required"} or {@code {"type":"function","name":...}}. */
    static ToolChoice choice(JsonNode choice, List<GatewayException> refusals) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw Fields.notOneOf("tool_choice", "'auto', 'none', 'required' or a tool object");
            };
        }
        if (!choice.isObject()) {
            throw Fields.mistyped("tool_choice", "a string or an object", choice);
        }
        String type = Fields.requiredString(choice, "type", "tool_choice.type");
        if ("function".equals(type)) {
            return ToolChoice.function(Fields.requiredString(choice, "name", "tool_choice.name"));
        }
        refusals.add(builtIn(type, "tool_choice.type"));
        return null;
    }

    private static GatewayException builtIn(String type, String param) {
        return GatewayException.builder(
                        ErrorCode.UNSUPPORTED_PARAMETER,
                        "The tool type '" + type + "' is not available at this model's deployment: only function"
                                + " tools are translated for providers without the Responses API.")
                .param(param)
                .build();
    }
}
