package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.Conversation.OutputFormat;
import dev.meridian.simulator.engine.Conversation.ToolChoice;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Hashing;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes and validates a Chat Completions request body into a {@link ChatRequest}, rejecting what
 * the real API rejects with the real messages (missing model or messages, tool messages without a
 * preceding tool call, unanswered tool calls, {@code max_tokens} on reasoning models,
 * {@code stream_options} without {@code stream}).
 */
final class ChatRequestDecoder {

    private final OpenAiErrors errors;

    ChatRequestDecoder(OpenAiErrors errors) {
        this.errors = errors;
    }

    /** Decodes {@code body}; {@code defaultModel} (an Azure deployment) stands in for a missing model. */
    ChatRequest decode(JsonNode body, Optional<String> defaultModel) {
        String model = Json.string(body.path("model"))
                .filter(m -> !m.isEmpty())
                .or(() -> defaultModel)
                .orElseThrow(() -> reject("you must provide a model parameter", null, null));
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw reject("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (messages.isEmpty()) {
            throw reject(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, but got "
                            + "an empty array instead.",
                    "messages",
                    "empty_array");
        }
        boolean reasoning = isReasoningModel(model);
        Conversation.Builder conversation = Conversation.builder(model).thinking(reasoning);
        int promptTokens = readMessages(messages, conversation);
        Directives inline = lastMessageDirectives(messages);
        promptTokens += readTools(body, conversation);
        readLimits(body, conversation, reasoning);
        promptTokens += readFormat(body, conversation);
        boolean stream = body.path("stream").asBoolean(false);
        if (body.hasNonNull("stream_options") && !stream) {
            throw reject(
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", null);
        }
        boolean includeUsage =
                stream && body.path("stream_options").path("include_usage").asBoolean(false);
        long promptKey =
                Hashing.fnv1a64(model + '\n' + Json.canonical(messages) + '\n' + Json.canonical(body.path("tools")));
        return new ChatRequest(conversation.build(), inline, stream, includeUsage, promptTokens, promptKey, reasoning);
    }

    /** OpenAI's o-series and any model named "...reasoning..." report hidden reasoning tokens. */
    static boolean isReasoningModel(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        return name.startsWith("o") || name.contains("reasoning");
    }

    private int readMessages(JsonNode messages, Conversation.Builder conversation) {
        int tokens = 0;
        Map<String, String> openCalls = new LinkedHashMap<>();
        int openCallsAt = -1;
        String lastUserText = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            String text = text(message.path("content"));
            tokens += Tokens.count(text);
            switch (role) {
                case "assistant" -> {
                    requireAnswered(openCalls, openCallsAt);
                    openCalls.clear();
                    openCallsAt = i;
                    for (JsonNode call : message.path("tool_calls")) {
                        JsonNode function = call.path("function");
                        openCalls.put(
                                call.path("id").asText(), function.path("name").asText());
                        tokens += Tokens.count(function.path("name").asText())
                                + Tokens.count(function.path("arguments").asText());
                    }
                }
                case "tool" -> {
                    String name = openCalls.remove(message.path("tool_call_id").asText());
                    if (name == null) {
                        throw reject(
                                "Invalid parameter: messages with role 'tool' must be a response to a "
                                        + "preceeding message with 'tool_calls'.",
                                "messages.[" + i + "].role",
                                null);
                    }
                    if (i == messages.size() - 1) {
                        conversation.toolResult(new Conversation.ToolResult(name, DirectiveSyntax.strip(text)));
                    }
                }
                case "user" -> {
                    requireAnswered(openCalls, openCallsAt);
                    lastUserText = text;
                }
                case "system", "developer", "function" -> requireAnswered(openCalls, openCallsAt);
                default ->
                    throw reject(
                            "Invalid value: '" + role + "'. Supported values are: 'system', "
                                    + "'assistant', 'user', 'function', 'tool', and 'developer'.",
                            "messages.[" + i + "].role",
                            "invalid_value");
            }
        }
        conversation.lastUserText(DirectiveSyntax.strip(lastUserText));
        return tokens;
    }

    private void requireAnswered(Map<String, String> openCalls, int assistantIndex) {
        if (!openCalls.isEmpty()) {
            throw reject(
                    "An assistant message with 'tool_calls' must be followed by tool messages responding "
                            + "to each 'tool_call_id'. The following tool_call_ids did not have response messages: "
                            + String.join(", ", openCalls.keySet()),
                    "messages.[" + assistantIndex + "].role",
                    null);
        }
    }

    private Directives lastMessageDirectives(JsonNode messages) {
        JsonNode last = messages.get(messages.size() - 1);
        String role = last.path("role").asText("");
        if (!role.equals("user") && !role.equals("tool")) {
            return Directives.NONE;
        }
        try {
            return DirectiveSyntax.extract(text(last.path("content"))).directives();
        } catch (IllegalArgumentException e) {
            throw reject(e.getMessage(), "messages", "invalid_value");
        }
    }

    private int readTools(JsonNode body, Conversation.Builder conversation) {
        JsonNode tools = body.path("tools");
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            conversation.tool(new Conversation.Tool(function.path("name").asText(), function.path("parameters")));
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.isTextual()) {
            conversation.toolChoice(
                    switch (choice.textValue()) {
                        case "none" -> ToolChoice.NONE;
                        case "required" -> ToolChoice.REQUIRED;
                        default -> ToolChoice.AUTO;
                    });
        } else if (choice.path("function").has("name")) {
            conversation.toolChoice(
                    new ToolChoice.Named(choice.path("function").path("name").asText()));
        }
        return tools.isArray() && !tools.isEmpty() ? Tokens.count(tools) : 0;
    }

    private void readLimits(JsonNode body, Conversation.Builder conversation, boolean reasoning) {
        if (reasoning && body.hasNonNull("max_tokens")) {
            throw reject(
                    "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                            + "'max_completion_tokens' instead.",
                    "max_tokens",
                    "unsupported_parameter");
        }
        JsonNode limit =
                body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.path("max_tokens");
        if (limit.canConvertToInt()) {
            conversation.maxTokens(limit.intValue());
        }
        JsonNode stop = body.path("stop");
        if (stop.isTextual()) {
            conversation.stopSequences(List.of(stop.textValue()));
        } else if (stop.isArray()) {
            List<String> sequences = new ArrayList<>();
            stop.forEach(s -> sequences.add(s.asText()));
            conversation.stopSequences(sequences);
        }
        int n = body.path("n").asInt(1);
        if (n < 1) {
            throw reject(
                    "Invalid 'n': integer below minimum value. Expected a value >= 1, but got " + n + " instead.",
                    "n",
                    "integer_below_min_value");
        }
        if (n > MAX_CHOICES || !body.path("n").canConvertToInt() && body.has("n")) {
            throw reject(
                    "Invalid 'n': integer above maximum value. Expected a value <= " + MAX_CHOICES + ", but got "
                            + body.path("n") + " instead.",
                    "n",
                    "integer_above_max_value");
        }
        conversation.choiceCount(n);
    }

    /** OpenAI's own ceiling on {@code n}: a fuzzer's 10^23 must be refused, not allocated. */
    private static final int MAX_CHOICES = 128;

    private int readFormat(JsonNode body, Conversation.Builder conversation) {
        JsonNode format = body.path("response_format");
        switch (format.path("type").asText("text")) {
            case "json_object" -> conversation.format(OutputFormat.JSON_OBJECT);
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                conversation.format(new OutputFormat.JsonSchema(schema));
                return Tokens.count(schema);
            }
            default -> conversation.format(OutputFormat.TEXT);
        }
        return 0;
    }

    /** Text of a message content: a string, or the text parts of a content array joined by spaces. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(part.path("text").asText());
            }
        }
        return out.toString();
    }

    private Rejection reject(String message, String param, String code) {
        return new Rejection(errors.invalidRequest(message, param, code));
    }
}
