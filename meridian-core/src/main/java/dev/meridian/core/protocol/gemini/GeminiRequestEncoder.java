package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;

/**
 * Encodes a canonical chat request as a Gemini {@code GenerateContentRequest}
 * (https://ai.google.dev/api/generate-content#request-body). The caller's parameters must already have been
 * checked against what the adapter supports; this class translates what is left:
 * <ul>
 *   <li>{@code generationConfig} (https://ai.google.dev/api/generate-content#generationconfig): temperature,
 *       topP, topK, candidateCount (n), maxOutputTokens, stopSequences, seed (32-bit in Gemini), presence and
 *       frequency penalties; response formats as {@code responseMimeType} plus, for a schema,
 *       {@code responseJsonSchema} (JSON Schema as given, rather than {@code responseSchema}'s OpenAPI subset);
 *       reasoning as {@code thinkingConfig} with the token budget and {@code includeThoughts}, so reasoning is
 *       visible (https://ai.google.dev/gemini-api/docs/thinking);</li>
 *   <li>tools as one {@code Tool} of {@code functionDeclarations} whose {@code parametersJsonSchema} is the JSON
 *       Schema as given; tool choice as {@code toolConfig.functionCallingConfig}: auto AUTO, none NONE,
 *       required ANY, a named function ANY with {@code allowedFunctionNames}
 *       (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes);</li>
 *   <li>messages as described in {@link GeminiContents}.</li>
 * </ul>
 */
public final class GeminiRequestEncoder {

    private GeminiRequestEncoder() {}

    /**
     * @throws GatewayException {@code INVALID_REQUEST} naming the caller's field when something cannot be expressed
     */
    public static ObjectNode encode(ChatRequest request) {
        ObjectNode body = Json.object();
        GeminiContents.write(request.messages(), body);
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (Tool tool : request.tools()) {
                ObjectNode d = declarations.addObject().put("name", tool.name());
                if (tool.description() != null) {
                    d.put("description", tool.description());
                }
                if (tool.parameters() != null) {
                    d.set("parametersJsonSchema", tool.parameters());
                }
            }
        }
        if (request.toolChoice() != null) {
            body.putObject("toolConfig").set("functionCallingConfig", functionCallingConfig(request.toolChoice()));
        }
        ObjectNode config = generationConfig(request);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return body;
    }

    private static ObjectNode functionCallingConfig(ToolChoice choice) {
        ObjectNode config = Json.object();
        switch (choice.mode()) {
            case AUTO -> config.put("mode", "AUTO");
            case NONE -> config.put("mode", "NONE");
            case REQUIRED -> config.put("mode", "ANY");
            case FUNCTION -> {
                config.put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(choice.name());
            }
        }
        return config;
    }

    private static ObjectNode generationConfig(ChatRequest r) {
        ObjectNode c = Json.object();
        if (r.temperature() != null) {
            c.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            c.put("topP", r.topP());
        }
        if (r.topK() != null) {
            c.put("topK", r.topK());
        }
        if (r.n() != null) {
            c.put("candidateCount", r.n());
        }
        if (r.maxOutputTokens() != null) {
            c.put("maxOutputTokens", r.maxOutputTokens());
        }
        if (!r.stop().isEmpty()) {
            ArrayNode stop = c.putArray("stopSequences");
            r.stop().forEach(stop::add);
        }
        if (r.seed() != null) {
            if (r.seed() < Integer.MIN_VALUE || r.seed() > Integer.MAX_VALUE) {
                throw GatewayException.invalid(
                        "seed",
                        "Invalid 'seed': Gemini takes a 32-bit seed, from " + Integer.MIN_VALUE + " to "
                                + Integer.MAX_VALUE + ".");
            }
            c.put("seed", r.seed().intValue());
        }
        if (r.presencePenalty() != null) {
            c.put("presencePenalty", r.presencePenalty());
        }
        if (r.frequencyPenalty() != null) {
            c.put("frequencyPenalty", r.frequencyPenalty());
        }
        ResponseFormat format = r.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            c.put("responseMimeType", "application/json");
            if (format.type() == ResponseFormat.Type.JSON_SCHEMA) {
                c.set("responseJsonSchema", format.schema());
            }
        }
        Reasoning reasoning = r.reasoning();
        if (reasoning != null) {
            ObjectNode thinking = c.putObject("thinkingConfig");
            Integer budget = reasoning.budgetOrDefault();
            if (budget != null) {
                thinking.put("thinkingBudget", budget);
            }
            thinking.put("includeThoughts", true);
        }
        return c;
    }
}
