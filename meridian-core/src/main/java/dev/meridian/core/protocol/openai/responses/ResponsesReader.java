package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a {@code POST /v1/responses} body (https://platform.openai.com/docs/api-reference/responses/create)
 * into a {@link ResponsesBody}. Malformed fields are refused at once with a 400 naming them; what is well formed but
 * has no chat-completions counterpart (built-in tools, {@code background}, {@code conversation}, ...) is kept as the
 * body's refusal, raised only if the request is translated: a deployment serving the Responses API takes it as is.
 */
final class ResponsesReader {

    /** Fields read here; any other is refused on translation. */
    private static final Set<String> KNOWN = Set.of(
            "model",
            "input",
            "instructions",
            "stream",
            "store",
            "previous_response_id",
            "max_output_tokens",
            "temperature",
            "top_p",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "text",
            "reasoning",
            "user",
            "metadata",
            "include",
            "truncation",
            "stream_options");

    private ResponsesReader() {}

    static ResponsesBody read(byte[] bytes) {
        JsonNode parsed;
        try {
            parsed = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw Json.invalidBody(e);
        } catch (IOException e) {
            throw GatewayException.of(ErrorCode.INVALID_JSON, "The request body could not be read as JSON.");
        }
        if (!parsed.isObject()) {
            throw GatewayException.of(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        ObjectNode root = (ObjectNode) parsed;
        List<GatewayException> refusals = new ArrayList<>(1);
        EnumSet<Param> params = EnumSet.noneOf(Param.class);
        String model = Fields.requiredString(root, "model", "model");
        Boolean stream = Fields.optionalBoolean(root, "stream", "stream");
        Boolean store = Fields.optionalBoolean(root, "store", "store");
        String previous = Fields.optionalString(root, "previous_response_id", "previous_response_id");
        String instructions = Fields.optionalString(root, "instructions", "instructions");
        ArrayNode input = ResponsesInput.items(root.get("input"));
        Integer maxOutput = Fields.optionalInt(root, "max_output_tokens", "max_output_tokens", 1, Integer.MAX_VALUE);
        Double temperature = Fields.optionalNumber(root, "temperature", "temperature", 0, 2);
        Double topP = Fields.optionalNumber(root, "top_p", "top_p", 0, 1);
        Boolean parallel = Fields.optionalBoolean(root, "parallel_tool_calls", "parallel_tool_calls");
        String user = Fields.optionalString(root, "user", "user");
        JsonNode metadata = Fields.optionalObject(root, "metadata", "metadata");
        List<Tool> tools = ResponsesTools.tools(Fields.optionalArray(root, "tools", "tools"), refusals);
        ToolChoice choice = ResponsesTools.choice(root.get("tool_choice"), refusals);
        ResponseFormat format = format(Fields.optionalObject(root, "text", "text"), refusals);
        Reasoning reasoning = reasoning(Fields.optionalObject(root, "reasoning", "reasoning"));
        Fields.optionalArray(root, "include", "include");
        Fields.optionalString(root, "truncation", "truncation");
        Fields.optionalObject(root, "stream_options", "stream_options");
        mark(params, Param.MAX_TOKENS, maxOutput);
        mark(params, Param.TEMPERATURE, temperature);
        mark(params, Param.TOP_P, topP);
        mark(params, Param.TOOLS, tools.isEmpty() ? null : tools);
        mark(params, Param.TOOL_CHOICE, choice);
        mark(params, Param.PARALLEL_TOOL_CALLS, parallel);
        mark(params, Param.RESPONSE_FORMAT, format);
        mark(params, Param.REASONING, reasoning);
        mark(params, Param.USER, user);
        mark(params, Param.METADATA, metadata);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name) && !root.get(name).isNull()) {
                refusals.add(GatewayException.builder(
                                ErrorCode.UNSUPPORTED_PARAMETER,
                                "'" + name + "' has no chat-completions counterpart, so it cannot be sent to this"
                                        + " model's deployment; use a deployment that serves the Responses API.")
                        .param(name)
                        .build());
            }
        }
        return new ResponsesBody(
                root,
                model,
                stream != null && stream,
                store == null || store,
                previous,
                instructions,
                input,
                ResponsesInput.messages(input, "input"),
                maxOutput,
                temperature,
                topP,
                tools,
                choice,
                parallel,
                format,
                reasoning,
                user,
                metadata,
                params,
                refusals.isEmpty() ? null : refusals.get(0));
    }

    private static void mark(Set<Param> params, Param param, Object value) {
        if (value != null) {
            params.add(param);
        }
    }

    /** {@code text.format}: text, json_object or json_schema (name, schema, description, strict). */
    private static ResponseFormat format(JsonNode text, List<GatewayException> refusals) {
        if (text == null) {
            return null;
        }
        if (Fields.present(text, "verbosity")) {
            Fields.optionalString(text, "verbosity", "text.verbosity");
            refusals.add(GatewayException.builder(
                            ErrorCode.UNSUPPORTED_PARAMETER,
                            "'text.verbosity' has no chat-completions counterpart at this model's deployment.")
                    .param("text.verbosity")
                    .build());
        }
        JsonNode format = Fields.optionalObject(text, "format", "text.format");
        if (format == null) {
            return null;
        }
        String type = Fields.requiredString(format, "type", "text.format.type");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" ->
                new ResponseFormat(
                        ResponseFormat.Type.JSON_SCHEMA,
                        Fields.requiredString(format, "name", "text.format.name"),
                        Fields.optionalString(format, "description", "text.format.description"),
                        Fields.requiredObject(format, "schema", "text.format.schema"),
                        Fields.optionalBoolean(format, "strict", "text.format.strict"));
            default -> throw Fields.notOneOf("text.format.type", "'text', 'json_object' and 'json_schema'");
        };
    }

    /** {@code reasoning.effort}; the summary level is the provider's to choose and is not translated. */
    private static Reasoning reasoning(JsonNode reasoning) {
        if (reasoning == null) {
            return null;
        }
        Fields.optionalString(reasoning, "summary", "reasoning.summary");
        String effort = Fields.optionalString(reasoning, "effort", "reasoning.effort");
        return effort == null ? null : new Reasoning(effort, null);
    }
}
