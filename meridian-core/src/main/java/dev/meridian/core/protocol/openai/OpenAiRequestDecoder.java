package dev.meridian.core.protocol.openai;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.mistyped;
import static dev.meridian.core.json.Fields.optionalArray;
import static dev.meridian.core.json.Fields.optionalBoolean;
import static dev.meridian.core.json.Fields.optionalInt;
import static dev.meridian.core.json.Fields.optionalLong;
import static dev.meridian.core.json.Fields.optionalNumber;
import static dev.meridian.core.json.Fields.optionalObject;
import static dev.meridian.core.json.Fields.optionalString;
import static dev.meridian.core.json.Fields.path;
import static dev.meridian.core.json.Fields.requiredObject;
import static dev.meridian.core.json.Fields.requiredString;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an OpenAI chat completions or embeddings request into the canonical model, validating types and
 * ranges with errors that name the field. Used when the request must be translated for another provider;
 * same-protocol calls pass through without it ({@link OpenAiPassThrough}).
 *
 * <p>Non-OpenAI extensions read here (each documented in docs/providers.md): {@code top_k};
 * {@code thinking: {"type":"enabled","budget_tokens":N}} (Anthropic's form, sent through the SDKs'
 * extra-body option); {@code thinking_blocks} and tool-call thought signatures in assistant messages.
 */
public final class OpenAiRequestDecoder {

    private static final Set<String> KNOWN_CHAT_FIELDS = Set.of(
            "model",
            "messages",
            "stream",
            "stream_options",
            "max_tokens",
            "max_completion_tokens",
            "temperature",
            "top_p",
            "top_k",
            "n",
            "stop",
            "seed",
            "presence_penalty",
            "frequency_penalty",
            "logit_bias",
            "logprobs",
            "top_logprobs",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "response_format",
            "reasoning_effort",
            "thinking",
            "user",
            "metadata");

    private OpenAiRequestDecoder() {}

    /** Parses JSON bytes, mapping malformed input to a 400 {@code invalid_json}. */
    public static JsonNode parse(byte[] body) {
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

    public static ChatRequest decodeChat(byte[] body) {
        return decodeChat(parse(body));
    }

    public static ChatRequest decodeChat(JsonNode r) {
        EnumSet<Param> params = EnumSet.noneOf(Param.class);
        String model = requiredString(r, "model", "model");
        JsonNode messages = optionalArray(r, "messages", "messages");
        if (messages == null) {
            throw GatewayException.invalid("messages", "Missing required parameter: 'messages'.");
        }
        boolean stream = Boolean.TRUE.equals(optionalBoolean(r, "stream", "stream"));
        boolean includeUsage = false;
        JsonNode streamOptions = optionalObject(r, "stream_options", "stream_options");
        if (streamOptions != null) {
            if (!stream) {
                throw GatewayException.invalid(
                        "stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
            }
            includeUsage = Boolean.TRUE.equals(
                    optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage"));
        }
        Integer maxTokens = optionalInt(r, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        Integer maxCompletionTokens =
                optionalInt(r, "max_completion_tokens", "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens != null && maxCompletionTokens != null && !maxTokens.equals(maxCompletionTokens)) {
            throw GatewayException.invalid(
                    "max_tokens",
                    "Set either 'max_tokens' or 'max_completion_tokens', not both" + " with different values.");
        }
        Integer maxOutput = maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
        mark(params, Param.MAX_TOKENS, maxOutput);
        Double temperature = mark(params, Param.TEMPERATURE, optionalNumber(r, "temperature", "temperature", 0, 2));
        Double topP = mark(params, Param.TOP_P, optionalNumber(r, "top_p", "top_p", 0, 1));
        Integer topK = mark(params, Param.TOP_K, optionalInt(r, "top_k", "top_k", 1, Integer.MAX_VALUE));
        Integer n = mark(params, Param.N, optionalInt(r, "n", "n", 1, 128));
        List<String> stop = mark(params, Param.STOP, stop(r));
        Long seed = mark(params, Param.SEED, optionalLong(r, "seed", "seed"));
        Double presence =
                mark(params, Param.PRESENCE_PENALTY, optionalNumber(r, "presence_penalty", "presence_penalty", -2, 2));
        Double frequency = mark(
                params, Param.FREQUENCY_PENALTY, optionalNumber(r, "frequency_penalty", "frequency_penalty", -2, 2));
        JsonNode logitBias = mark(params, Param.LOGIT_BIAS, optionalObject(r, "logit_bias", "logit_bias"));
        Boolean logprobs = optionalBoolean(r, "logprobs", "logprobs");
        if (Boolean.TRUE.equals(logprobs)) {
            params.add(Param.LOGPROBS);
        }
        Integer topLogprobs = mark(params, Param.TOP_LOGPROBS, optionalInt(r, "top_logprobs", "top_logprobs", 0, 20));
        List<Tool> tools = mark(params, Param.TOOLS, tools(r));
        ToolChoice toolChoice = mark(params, Param.TOOL_CHOICE, toolChoice(r));
        Boolean parallel = mark(
                params, Param.PARALLEL_TOOL_CALLS, optionalBoolean(r, "parallel_tool_calls", "parallel_tool_calls"));
        ResponseFormat format = responseFormat(r);
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            params.add(Param.RESPONSE_FORMAT);
        }
        Reasoning reasoning = mark(params, Param.REASONING, reasoning(r));
        String user = mark(params, Param.USER, optionalString(r, "user", "user"));
        JsonNode metadata = mark(params, Param.METADATA, optionalObject(r, "metadata", "metadata"));
        return new ChatRequest(
                model,
                OpenAiMessageDecoder.decode(messages, "messages"),
                stream,
                includeUsage,
                maxOutput,
                temperature,
                topP,
                topK,
                n,
                stop,
                seed,
                presence,
                frequency,
                logitBias,
                logprobs,
                topLogprobs,
                tools,
                toolChoice,
                parallel,
                format,
                reasoning,
                user,
                metadata,
                params,
                unknownFields(r, KNOWN_CHAT_FIELDS));
    }

    public static EmbeddingRequest decodeEmbeddings(byte[] body) {
        JsonNode r = parse(body);
        String model = requiredString(r, "model", "model");
        JsonNode input = r.get("input");
        if (input == null || input.isNull()) {
            throw GatewayException.invalid("input", "Missing required parameter: 'input'.");
        }
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.textValue());
        } else if (input.isArray() && !input.isEmpty()) {
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                if (!item.isTextual()) {
                    throw GatewayException.invalid(
                            index("input", i),
                            "Invalid '" + index("input", i)
                                    + "': token arrays cannot be translated to this provider; send strings.");
                }
                inputs.add(item.textValue());
            }
        } else {
            throw mistyped("input", "a string or a non-empty array of strings", input);
        }
        String format = optionalString(r, "encoding_format", "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw Fields.notOneOf("encoding_format", "'float' and 'base64'");
        }
        Integer dimensions = optionalInt(r, "dimensions", "dimensions", 1, 65536);
        Map<String, JsonNode> unknown =
                unknownFields(r, Set.of("model", "input", "encoding_format", "dimensions", "user"));
        if (!unknown.isEmpty()) {
            String field = unknown.keySet().iterator().next();
            throw GatewayException.builder(
                            ErrorCode.UNSUPPORTED_PARAMETER,
                            "Parameter '" + field + "' cannot be translated for this provider.")
                    .param(field)
                    .build();
        }
        return new EmbeddingRequest(model, inputs, format, dimensions, optionalString(r, "user", "user"));
    }

    private static <T> T mark(Set<Param> params, Param param, T value) {
        if (value != null) {
            params.add(param);
        }
        return value;
    }

    /** The {@code stop} field: a string or up to 4 strings; null when absent or empty. */
    static List<String> stop(JsonNode r) {
        JsonNode stop = r.get("stop");
        if (stop == null || stop.isNull()) {
            return null;
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (!stop.isArray()) {
            throw mistyped("stop", "a string or an array of strings", stop);
        }
        if (stop.size() > 4) {
            throw GatewayException.invalid(
                    "stop", "Invalid 'stop': at most 4 stop sequences are allowed, got " + stop.size() + ".");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw mistyped(index("stop", i), "a string", stop.get(i));
            }
            out.add(stop.get(i).textValue());
        }
        return out.isEmpty() ? null : out;
    }

    private static List<Tool> tools(JsonNode r) {
        JsonNode tools = optionalArray(r, "tools", "tools");
        if (tools == null) {
            return null;
        }
        List<Tool> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            String p = index("tools", i);
            if (!t.isObject()) {
                throw mistyped(p, "an object", t);
            }
            String type = requiredString(t, "type", path(p, "type"));
            if (!type.equals("function")) {
                throw GatewayException.invalid(
                        path(p, "type"),
                        "Tool type '" + type + "' cannot be translated to other providers; only 'function' tools can.");
            }
            JsonNode f = requiredObject(t, "function", path(p, "function"));
            out.add(new Tool(
                    requiredString(f, "name", path(p, "function.name")),
                    optionalString(f, "description", path(p, "function.description")),
                    optionalObject(f, "parameters", path(p, "function.parameters")),
                    optionalBoolean(f, "strict", path(p, "function.strict")),
                    optionalObject(t, "cache_control", path(p, "cache_control"))));
        }
        return out.isEmpty() ? null : out;
    }

    private static ToolChoice toolChoice(JsonNode r) {
        JsonNode c = r.get("tool_choice");
        if (c == null || c.isNull()) {
            return null;
        }
        if (c.isTextual()) {
            return switch (c.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw Fields.notOneOf("tool_choice", OpenAiToolFields.TOOL_CHOICES);
            };
        }
        if (!c.isObject()) {
            throw mistyped("tool_choice", "a string or an object", c);
        }
        String type = requiredString(c, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw GatewayException.invalid(
                    "tool_choice.type",
                    "Tool choice type '" + type + "' cannot be translated to other providers; only 'function' can.");
        }
        return ToolChoice.function(requiredString(
                requiredObject(c, "function", "tool_choice.function"), "name", "tool_choice.function.name"));
    }

    private static ResponseFormat responseFormat(JsonNode r) {
        JsonNode f = optionalObject(r, "response_format", "response_format");
        if (f == null) {
            return null;
        }
        String type = requiredString(f, "type", "response_format.type");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> {
                JsonNode s = requiredObject(f, "json_schema", "response_format.json_schema");
                JsonNode schema = optionalObject(s, "schema", "response_format.json_schema.schema");
                yield new ResponseFormat(
                        ResponseFormat.Type.JSON_SCHEMA,
                        requiredString(s, "name", "response_format.json_schema.name"),
                        optionalString(s, "description", "response_format.json_schema.description"),
                        schema == null ? Json.object().put("type", "object") : schema,
                        optionalBoolean(s, "strict", "response_format.json_schema.strict"));
            }
            default ->
                throw GatewayException.invalid(
                        "response_format.type",
                        "Invalid value for "
                                + "'response_format.type': '" + type
                                + "'. Supported values are: 'text', 'json_object' and"
                                + " 'json_schema'.");
        };
    }

    private static Reasoning reasoning(JsonNode r) {
        String effort = optionalString(r, "reasoning_effort", "reasoning_effort");
        if (effort != null
                && !Set.of("none", "minimal", "low", "medium", "high").contains(effort)) {
            throw GatewayException.invalid(
                    "reasoning_effort",
                    "Invalid value for 'reasoning_effort': '" + effort
                            + "'. Supported values are: 'none', 'minimal', 'low', 'medium' and 'high'.");
        }
        Integer budget = null;
        JsonNode thinking = optionalObject(r, "thinking", "thinking");
        if (thinking != null) {
            String type = requiredString(thinking, "type", "thinking.type");
            if (type.equals("enabled")) {
                budget = optionalInt(thinking, "budget_tokens", "thinking.budget_tokens", 1, Integer.MAX_VALUE);
                if (budget == null) {
                    throw GatewayException.invalid(
                            "thinking.budget_tokens", "Missing required parameter: 'thinking.budget_tokens'.");
                }
            } else if (!type.equals("disabled")) {
                throw GatewayException.invalid(
                        "thinking.type",
                        "Invalid value for 'thinking.type': '" + type
                                + "'. Supported values are: 'enabled' and 'disabled'.");
            }
        }
        if ("none".equals(effort)) {
            effort = null;
        }
        return effort == null && budget == null ? null : new Reasoning(effort, budget);
    }

    /** The non-null top-level fields of {@code r} not in {@code known}, by name, in the caller's order. */
    static Map<String, JsonNode> unknownFields(JsonNode r, Set<String> known) {
        Map<String, JsonNode> unknown = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey()) && !e.getValue().isNull()) {
                if (unknown == null) {
                    unknown = new LinkedHashMap<>();
                }
                unknown.put(e.getKey(), e.getValue());
            }
        }
        return unknown == null ? Map.of() : unknown;
    }
}
