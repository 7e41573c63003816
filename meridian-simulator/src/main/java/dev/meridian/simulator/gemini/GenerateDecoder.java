package dev.meridian.simulator.gemini;

import static dev.meridian.simulator.engine.Json.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.Conversation.OutputFormat;
import dev.meridian.simulator.engine.Conversation.ToolChoice;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.Tokens;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Decodes a GenerateContentRequest. Accepts camelCase and snake_case field names, as Google's
 * proto-JSON parser does, and rejects what it rejects: unknown top-level fields, missing contents,
 * roles other than user and model, and (see {@link ThoughtSignatures}) function calls of the current
 * turn without their thought signature.
 */
final class GenerateDecoder {

    private static final Set<String> TOP_LEVEL = Set.of(
            "contents",
            "model",
            "tools",
            "toolConfig",
            "safetySettings",
            "systemInstruction",
            "generationConfig",
            "cachedContent",
            "labels");

    private GenerateDecoder() {}

    static GenerateRequest decode(String model, JsonNode body) {
        rejectUnknownFields(body);
        JsonNode contents = field(body, "contents");
        if (!contents.isArray() || contents.isEmpty()) {
            throw reject("* GenerateContentRequest.contents: contents is not specified\n");
        }
        JsonNode config = field(body, "generationConfig");
        JsonNode thinkingConfig = field(config, "thinkingConfig");
        boolean thinking = thinkingConfig.isObject()
                && field(thinkingConfig, "thinkingBudget").asInt(-1) != 0;
        Conversation.Builder conversation = Conversation.builder(model).thinking(thinking);
        int promptTokens = readSystem(field(body, "systemInstruction"));
        promptTokens += readContents(contents, conversation);
        promptTokens += readTools(body, conversation);
        readConfig(config, conversation);
        if (thinking) {
            ThoughtSignatures.check(contents);
        }
        return new GenerateRequest(
                conversation.build(),
                directives(contents),
                promptTokens,
                field(thinkingConfig, "includeThoughts").asBoolean(false));
    }

    private static void rejectUnknownFields(JsonNode body) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)
                    && TOP_LEVEL.stream().noneMatch(f -> Json.snakeCase(f).equals(name))) {
                throw reject("Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.");
            }
        }
    }

    private static int readSystem(JsonNode system) {
        int tokens = 0;
        for (JsonNode part : field(system, "parts")) {
            tokens += Tokens.count(field(part, "text").asText(""));
        }
        return tokens;
    }

    private static int readContents(JsonNode contents, Conversation.Builder conversation) {
        int tokens = 0;
        String lastUserText = "";
        for (JsonNode content : contents) {
            String role = content.path("role").asText("user");
            if (!role.equals("user") && !role.equals("model") && !role.equals("function")) {
                throw reject("Please use a valid role: user, model.");
            }
            for (JsonNode part : field(content, "parts")) {
                tokens += Tokens.count(partText(part));
            }
            if (role.equals("user") && !text(content).isEmpty()) {
                lastUserText = text(content);
            }
        }
        conversation.lastUserText(DirectiveSyntax.strip(lastUserText));
        JsonNode last = contents.get(contents.size() - 1);
        for (JsonNode part : field(last, "parts")) {
            JsonNode response = field(part, "functionResponse");
            if (response.isObject()) {
                conversation.toolResult(new Conversation.ToolResult(
                        response.path("name").asText(),
                        DirectiveSyntax.strip(Json.compact(response.path("response")))));
            }
        }
        return tokens;
    }

    private static int readTools(JsonNode body, Conversation.Builder conversation) {
        int tokens = 0;
        List<String> names = new ArrayList<>();
        for (JsonNode tool : field(body, "tools")) {
            for (JsonNode declaration : field(tool, "functionDeclarations")) {
                JsonNode schema = field(declaration, "parametersJsonSchema");
                if (schema.isMissingNode()) {
                    schema = field(declaration, "parameters");
                }
                names.add(declaration.path("name").asText());
                conversation.tool(new Conversation.Tool(declaration.path("name").asText(), schema));
                tokens += Tokens.count(declaration);
            }
        }
        JsonNode calling = field(field(body, "toolConfig"), "functionCallingConfig");
        JsonNode allowed = field(calling, "allowedFunctionNames");
        switch (calling.path("mode").asText("AUTO")) {
            case "NONE" -> conversation.toolChoice(ToolChoice.NONE);
            case "ANY" ->
                conversation.toolChoice(
                        allowed.isArray() && !allowed.isEmpty()
                                ? new ToolChoice.Named(allowed.get(0).asText())
                                : names.isEmpty() ? ToolChoice.REQUIRED : new ToolChoice.Named(names.get(0)));
            default -> conversation.toolChoice(ToolChoice.AUTO);
        }
        return tokens;
    }

    private static void readConfig(JsonNode config, Conversation.Builder conversation) {
        JsonNode limit = field(config, "maxOutputTokens");
        if (limit.canConvertToInt()) {
            conversation.maxTokens(limit.intValue());
        }
        List<String> stops = new ArrayList<>();
        field(config, "stopSequences").forEach(s -> stops.add(s.asText()));
        conversation.stopSequences(stops);
        conversation.choiceCount(Math.max(1, field(config, "candidateCount").asInt(1)));
        if (field(config, "responseMimeType").asText("").equals("application/json")) {
            JsonNode schema = field(config, "responseJsonSchema");
            schema = schema.isMissingNode() ? config.path("_responseJsonSchema") : schema;
            schema = schema.isMissingNode() ? field(config, "responseSchema") : schema;
            conversation.format(
                    schema.isMissingNode() ? OutputFormat.JSON_OBJECT : new OutputFormat.JsonSchema(schema));
        }
    }

    private static Directives directives(JsonNode contents) {
        JsonNode last = contents.get(contents.size() - 1);
        if (last.path("role").asText("user").equals("model")) {
            return Directives.NONE;
        }
        StringBuilder text = new StringBuilder();
        field(last, "parts").forEach(part -> text.append(partText(part)).append(' '));
        try {
            return DirectiveSyntax.extract(text.toString()).directives();
        } catch (IllegalArgumentException e) {
            throw reject(e.getMessage());
        }
    }

    /** The text parts of a content (thoughts excluded), joined by spaces. */
    private static String text(JsonNode content) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : field(content, "parts")) {
            if (part.has("text") && !part.path("thought").asBoolean(false)) {
                out.append(out.length() > 0 ? " " : "").append(part.path("text").asText());
            }
        }
        return out.toString();
    }

    /** The text a part contributes to the prompt; inline and file data count as nothing. */
    private static String partText(JsonNode part) {
        JsonNode call = field(part, "functionCall");
        JsonNode response = field(part, "functionResponse");
        if (call.isObject()) {
            return call.path("name").asText() + Json.compact(call.path("args"));
        }
        if (response.isObject()) {
            return response.path("name").asText() + Json.compact(response.path("response"));
        }
        return part.path("text").asText("");
    }

    static Rejection reject(String message) {
        return new Rejection(GeminiErrors.invalidArgument(message));
    }
}
