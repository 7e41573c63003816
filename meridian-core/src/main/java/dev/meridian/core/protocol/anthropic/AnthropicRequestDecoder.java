package dev.meridian.core.protocol.anthropic;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.mistyped;
import static dev.meridian.core.json.Fields.optionalArray;
import static dev.meridian.core.json.Fields.optionalBoolean;
import static dev.meridian.core.json.Fields.optionalInt;
import static dev.meridian.core.json.Fields.optionalNumber;
import static dev.meridian.core.json.Fields.optionalObject;
import static dev.meridian.core.json.Fields.optionalString;
import static dev.meridian.core.json.Fields.path;
import static dev.meridian.core.json.Fields.requiredObject;
import static dev.meridian.core.json.Fields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an Anthropic Messages request (https://platform.claude.com/docs/en/api/messages) into the canonical chat
 * request, for a provider of another protocol. The field table (docs/front-doors.md has it with the reasons):
 * {@code max_tokens}, {@code temperature}, {@code top_p}, {@code top_k}, {@code stop_sequences}, {@code stream},
 * {@code metadata.user_id} (the user), custom {@code tools}, {@code tool_choice} (with
 * {@code disable_parallel_tool_use}), {@code thinking} (an enabled budget is the reasoning budget; disabled is none)
 * and {@code output_config.format} (a JSON schema). Everything else the API has (server tools, {@code service_tier},
 * {@code container}, {@code mcp_servers}, ...) has no canonical form: it is kept in {@link ChatRequest#unknown()}
 * under its own name ({@code tools[2]} for a server tool), so that a provider refuses it by name, or drops it only
 * when configured to. Pure.
 */
public final class AnthropicRequestDecoder {

    private static final Set<String> KNOWN = Set.of(
            "model",
            "messages",
            "system",
            "max_tokens",
            "stream",
            "temperature",
            "top_p",
            "top_k",
            "stop_sequences",
            "metadata",
            "tools",
            "tool_choice",
            "thinking",
            "output_config");

    private AnthropicRequestDecoder() {}

    /**
     * @param r         the body, a JSON object
     * @param maxTokens whether {@code max_tokens} is required (Messages) or absent (token counting)
     * @throws GatewayException 400 naming the field for a malformed or untranslatable request
     */
    public static ChatRequest decode(JsonNode r, boolean maxTokens) {
        EnumSet<Param> params = EnumSet.noneOf(Param.class);
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        String model = requiredString(r, "model", "model");
        JsonNode messagesNode = optionalArray(r, "messages", "messages");
        if (messagesNode == null) {
            throw Fields.missing("messages");
        }
        List<Message> messages = new ArrayList<>(messagesNode.size() + 1);
        Message system = AnthropicContentDecoder.system(r.get("system"));
        if (system != null) {
            messages.add(system);
        }
        AnthropicContentDecoder.messages(messagesNode, messages);
        Integer max = null;
        if (maxTokens) {
            max = optionalInt(r, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
            if (max == null) {
                throw Fields.missing("max_tokens");
            }
            params.add(Param.MAX_TOKENS);
        }
        boolean stream = Boolean.TRUE.equals(optionalBoolean(r, "stream", "stream"));
        Double temperature = set(params, Param.TEMPERATURE, optionalNumber(r, "temperature", "temperature", 0, 1));
        Double topP = set(params, Param.TOP_P, optionalNumber(r, "top_p", "top_p", 0, 1));
        Integer topK = set(params, Param.TOP_K, optionalInt(r, "top_k", "top_k", 0, Integer.MAX_VALUE));
        List<String> stop = stopSequences(r);
        if (!stop.isEmpty()) {
            params.add(Param.STOP);
        }
        String user = set(params, Param.USER, user(r, unknown));
        List<Tool> tools = tools(r, unknown);
        if (!tools.isEmpty()) {
            params.add(Param.TOOLS);
        }
        ToolChoice choice = null;
        Boolean parallel = null;
        JsonNode tc = optionalObject(r, "tool_choice", "tool_choice");
        if (tc != null) {
            choice = toolChoice(tc);
            params.add(Param.TOOL_CHOICE);
            if (Boolean.TRUE.equals(
                    optionalBoolean(tc, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use"))) {
                parallel = false;
                params.add(Param.PARALLEL_TOOL_CALLS);
            }
        }
        Reasoning reasoning = set(params, Param.REASONING, thinking(r, unknown));
        ResponseFormat format = set(params, Param.RESPONSE_FORMAT, outputFormat(r, unknown));
        for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                unknown.put(name, r.get(name));
            }
        }
        return new ChatRequest(
                model,
                messages,
                stream,
                stream,
                max,
                temperature,
                topP,
                topK,
                null,
                stop,
                null,
                null,
                null,
                null,
                null,
                null,
                tools,
                choice,
                parallel,
                format,
                reasoning,
                user,
                null,
                params,
                unknown);
    }

    private static <T> T set(EnumSet<Param> params, Param p, T value) {
        if (value != null) {
            params.add(p);
        }
        return value;
    }

    private static List<String> stopSequences(JsonNode r) {
        JsonNode stops = optionalArray(r, "stop_sequences", "stop_sequences");
        if (stops == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(stops.size());
        for (int i = 0; i < stops.size(); i++) {
            JsonNode s = stops.get(i);
            if (!s.isTextual()) {
                throw mistyped(index("stop_sequences", i), "a string", s);
            }
            out.add(s.textValue());
        }
        return out;
    }

    /** {@code metadata.user_id}; any other metadata field is Anthropic's alone. */
    private static String user(JsonNode r, Map<String, JsonNode> unknown) {
        JsonNode metadata = optionalObject(r, "metadata", "metadata");
        if (metadata == null) {
            return null;
        }
        for (Iterator<String> names = metadata.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("user_id")) {
                unknown.put(path("metadata", name), metadata.get(name));
            }
        }
        return optionalString(metadata, "user_id", "metadata.user_id");
    }

    private static List<Tool> tools(JsonNode r, Map<String, JsonNode> unknown) {
        JsonNode tools = optionalArray(r, "tools", "tools");
        if (tools == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String at = index("tools", i);
            JsonNode t = tools.get(i);
            if (!t.isObject()) {
                throw mistyped(at, "an object", t);
            }
            String type = optionalString(t, "type", path(at, "type"));
            String name = requiredString(t, "name", path(at, "name"));
            if (type != null && !type.equals("custom")) {
                unknown.put(at + " (server tool " + type + ")", t); // a server tool: Anthropic runs it, no one else
                continue;
            }
            JsonNode schema = requiredObject(t, "input_schema", path(at, "input_schema"));
            JsonNode cache = t.get("cache_control");
            out.add(new Tool(
                    name,
                    optionalString(t, "description", path(at, "description")),
                    schema,
                    optionalBoolean(t, "strict", path(at, "strict")),
                    cache == null || cache.isNull() ? null : cache));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonNode tc) {
        String type = requiredString(tc, "type", "tool_choice.type");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.function(requiredString(tc, "name", "tool_choice.name"));
            default -> throw Fields.notOneOf("tool_choice.type", "'auto', 'any', 'tool' and 'none'");
        };
    }

    private static Reasoning thinking(JsonNode r, Map<String, JsonNode> unknown) {
        JsonNode thinking = optionalObject(r, "thinking", "thinking");
        if (thinking == null) {
            return null;
        }
        String type = requiredString(thinking, "type", "thinking.type");
        return switch (type) {
            case "enabled" -> {
                Integer budget = optionalInt(thinking, "budget_tokens", "thinking.budget_tokens", 0, Integer.MAX_VALUE);
                if (budget == null) {
                    throw Fields.missing("thinking.budget_tokens");
                }
                yield new Reasoning(null, budget);
            }
            case "disabled" -> null;
            default -> {
                unknown.put("thinking", thinking); // adaptive thinking and types added later: Anthropic's to judge
                yield null;
            }
        };
    }

    /** {@code output_config.format} of type json_schema; the rest of output_config has no canonical form. */
    private static ResponseFormat outputFormat(JsonNode r, Map<String, JsonNode> unknown) {
        JsonNode config = optionalObject(r, "output_config", "output_config");
        if (config == null) {
            return null;
        }
        ResponseFormat format = null;
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("format")) {
                unknown.put(path("output_config", name), config.get(name));
            }
        }
        JsonNode f = optionalObject(config, "format", "output_config.format");
        if (f != null) {
            String type = requiredString(f, "type", "output_config.format.type");
            if (!type.equals("json_schema")) {
                throw Fields.notOneOf("output_config.format.type", "'json_schema'");
            }
            format = new ResponseFormat(
                    ResponseFormat.Type.JSON_SCHEMA,
                    "response",
                    null,
                    requiredObject(f, "schema", "output_config.format.schema"),
                    null);
        }
        return format;
    }
}
