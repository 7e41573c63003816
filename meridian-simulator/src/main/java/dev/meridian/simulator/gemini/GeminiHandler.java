package dev.meridian.simulator.gemini;

// Wire format sources (the provider's own documentation and SDK sources):
//   https://ai.google.dev/api/generate-content
//   https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
//   https://ai.google.dev/api/embeddings
//   https://ai.google.dev/api/models
//   https://ai.google.dev/api/tokens
//   https://ai.google.dev/gemini-api/docs/thinking
//   https://ai.google.dev/gemini-api/docs/thought-signatures
//   https://ai.google.dev/gemini-api/docs/function-calling
//   https://ai.google.dev/gemini-api/docs/structured-output
//   https://ai.google.dev/gemini-api/docs/troubleshooting
//   https://github.com/googleapis/js-genai/blob/main/src/_api_client.ts (SSE framing: events end with
//     a blank line; the service uses "\r\n\r\n", which the SDK accepts along with "\n\n" and "\r\r")

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Completion;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.FaultSource;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.ProtocolHandler;
import dev.meridian.simulator.engine.ProviderError;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.ReplyEngine;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.engine.SimResponse;
import dev.meridian.simulator.engine.SseEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gemini API under {@code /v1beta} (and {@code /v1}): {@code POST models/{model}:generateContent},
 * {@code :streamGenerateContent} (SSE with {@code alt=sse}, else one JSON array), {@code :countTokens},
 * {@code :embedContent}, {@code :batchEmbedContents}; {@code GET models} and {@code GET models/{model}}.
 * The key comes in {@code x-goog-api-key} or {@code ?key=}; a missing key is 403 PERMISSION_DENIED
 * and a wrong one 400 API_KEY_INVALID, as Google answers.
 *
 * <p>A {@code cached=n} directive reports {@code cachedContentTokenCount = min(n, prompt)};
 * {@code prompt_blocked} answers promptFeedback.blockReason SAFETY without candidates; {@code safety}
 * ends every candidate with finishReason SAFETY.
 */
public final class GeminiHandler implements ProtocolHandler {

    static final List<String> CATALOG = List.of(
            "gemini-2.5-pro",
            "gemini-2.5-flash",
            "gemini-2.5-flash-lite",
            "gemini-2.0-flash",
            "text-embedding-004",
            "gemini-embedding-001");
    private static final Pattern ACTION = Pattern.compile("/(v1beta|v1|v1alpha)/models/([^/:]+):([A-Za-z]+)");
    private static final Pattern MODELS = Pattern.compile("/(v1beta|v1|v1alpha)/models(?:/([^/:]+))?");

    private final SimContext context;

    public GeminiHandler(SimContext context) {
        this.context = context;
    }

    @Override
    public boolean claims(InboundRequest request) {
        String path = request.path();
        return path.startsWith("/v1beta/")
                || path.startsWith("/v1alpha/")
                || (path.startsWith("/v1/models")
                        && (path.indexOf(':') >= 0
                                || request.header("x-goog-api-key").isPresent()
                                || request.param("key").isPresent()));
    }

    @Override
    public SimResponse handle(InboundRequest request, FaultSource faults) {
        Optional<String> key = request.header("x-goog-api-key").or(() -> request.param("key"));
        switch (context.checkKey(key)) {
            case MISSING -> {
                return GeminiErrors.missingKey();
            }
            case WRONG -> {
                return GeminiErrors.wrongKey();
            }
            default -> {}
        }
        try {
            return route(request, faults);
        } catch (Rejection rejection) {
            return rejection.response();
        }
    }

    private SimResponse route(InboundRequest request, FaultSource faults) {
        Matcher action = ACTION.matcher(request.path());
        if (request.method().equals("POST") && action.matches()) {
            String model = action.group(2);
            if (!context.knowsModel(model)) {
                return GeminiErrors.notFound("models/" + model + " is not found for API version " + action.group(1)
                        + ", or is not supported for " + action.group(3) + ". Call ListModels to see the list of "
                        + "available models and their supported methods.");
            }
            JsonNode body = Json.parse(request.body())
                    .filter(JsonNode::isObject)
                    .orElseThrow(
                            () -> GenerateDecoder.reject("Invalid JSON payload received. Expected a JSON object."));
            return switch (action.group(3)) {
                case "generateContent" -> generate(request, model, body, faults, false);
                case "streamGenerateContent" -> generate(request, model, body, faults, true);
                case "countTokens" -> countTokens(model, body);
                case "embedContent" -> embed(request, model, GeminiEmbeddings.single(model, body), faults);
                case "batchEmbedContents" -> embed(request, model, GeminiEmbeddings.batch(model, body), faults);
                default -> GeminiErrors.notFound("Method not found.");
            };
        }
        Matcher models = MODELS.matcher(request.path());
        if (request.method().equals("GET") && models.matches()) {
            return models.group(2) == null ? listModels() : getModel(models.group(2));
        }
        return GeminiErrors.notFound("Method not found.");
    }

    private SimResponse generate(
            InboundRequest request, String model, JsonNode body, FaultSource faults, boolean stream) {
        GenerateRequest decoded = GenerateDecoder.decode(model, body);
        Directives directives = faults.resolve(request.path(), model, decoded.inline());
        if (directives.error().equals(Optional.of(ProviderError.CONTEXT_LENGTH))) {
            return GeminiErrors.contextLength(decoded.promptTokens(), directives);
        }
        if (directives.failsWithStatus()) {
            return GeminiErrors.injected(directives.status().getAsInt(), directives);
        }
        Completion completion = ReplyEngine.complete(decoded.conversation(), directives);
        int cached = Math.min(directives.cached().orElse(0), decoded.promptTokens());
        GenerateEncoder encoder = new GenerateEncoder(model, context.ids().next("", 22), decoded, completion, cached);
        boolean blocked =
                directives.promptBlocked() || directives.error().equals(Optional.of(ProviderError.CONTENT_POLICY));
        List<ObjectNode> chunks =
                blocked ? List.of(encoder.blocked()) : stream ? encoder.chunks() : List.of(encoder.response());
        if (!stream) {
            return SimResponse.json(200, chunks.get(0), directives);
        }
        if (!request.param("alt").orElse("").equals("sse")) {
            ArrayNode array = Json.array();
            chunks.forEach(array::add);
            return SimResponse.json(200, array, directives);
        }
        List<SseEvent> events =
                chunks.stream().map(chunk -> SseEvent.data(Json.compact(chunk))).toList();
        return new SimResponse.EventStream(
                Map.of("content-type", "text/event-stream"), events, SseEvent.Framing.CRLF, directives);
    }

    private static SimResponse countTokens(String model, JsonNode body) {
        JsonNode wrapped = Json.field(body, "generateContentRequest");
        ObjectNode request = wrapped.isObject() ? ((ObjectNode) wrapped).deepCopy() : ((ObjectNode) body).deepCopy();
        request.remove("model");
        int tokens = GenerateDecoder.decode(model, request).promptTokens();
        ObjectNode out = Json.object().put("totalTokens", tokens);
        out.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens);
        return SimResponse.json(200, out);
    }

    private static SimResponse embed(
            InboundRequest request, String model, GeminiEmbeddings.Result result, FaultSource faults) {
        Directives directives = faults.resolve(request.path(), model, result.directives());
        if (directives.failsWithStatus()) {
            return GeminiErrors.injected(directives.status().getAsInt(), directives);
        }
        return SimResponse.json(200, result.body(), directives);
    }

    private SimResponse listModels() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("models");
        context.catalog(CATALOG).forEach(id -> list.add(model(id)));
        return SimResponse.json(200, out);
    }

    private SimResponse getModel(String id) {
        return context.catalog(CATALOG).contains(id)
                ? SimResponse.json(200, model(id))
                : GeminiErrors.notFound("models/" + id + " is not found for API version v1beta, or is not supported "
                        + "for get. Call ListModels to see the list of available models and their supported methods.");
    }

    private static ObjectNode model(String id) {
        boolean embedding = id.contains("embedding");
        ObjectNode model = Json.object()
                .put("name", "models/" + id)
                .put("baseModelId", id)
                .put("version", "001")
                .put("displayName", id)
                .put("description", "Simulated " + id)
                .put("inputTokenLimit", embedding ? 2048 : 1_048_576)
                .put("outputTokenLimit", embedding ? 1 : 65_536);
        ArrayNode methods = model.putArray("supportedGenerationMethods");
        (embedding
                        ? List.of("embedContent", "batchEmbedContents")
                        : List.of("generateContent", "streamGenerateContent", "countTokens"))
                .forEach(methods::add);
        return model;
    }

    @Override
    public SimResponse internalError(String message) {
        return GeminiErrors.error(500, message, Directives.NONE);
    }
}
