package dev.meridian.core.provider.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Param;
import dev.meridian.core.protocol.gemini.GeminiEmbeddings;
import dev.meridian.core.protocol.gemini.GeminiErrors;
import dev.meridian.core.protocol.gemini.GeminiRequestEncoder;
import dev.meridian.core.protocol.gemini.GeminiResponseDecoder;
import dev.meridian.core.protocol.gemini.GeminiStreamDecoder;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.SupportedParams;
import dev.meridian.core.provider.UpstreamRequest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Google Gemini API (Generative Language API, https://ai.google.dev/api) at
 * {@value #DEFAULT_BASE_URL}: {@code /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse}
 * and {@code :batchEmbedContents}, authenticated with the {@code x-goog-api-key} header
 * (https://ai.google.dev/gemini-api/docs/api-key). {@link ProviderSettings#apiVersion()} replaces {@code v1beta};
 * {@link ProviderSettings#headers()} are added; {@link ProviderSettings#extraBody()} is merged into every chat
 * body, objects field by field (so it can set {@code generationConfig.thinkingConfig.thinkingLevel} or
 * {@code safetySettings}), the translated request's own fields winning.
 *
 * <p>Refused unless the provider drops unsupported parameters: {@code logit_bias} (no equivalent),
 * {@code logprobs} and {@code top_logprobs} (Gemini has them, but the gateway's answer carries no log
 * probabilities, so they would be lost), {@code parallel_tool_calls} (no switch), {@code user} and
 * {@code metadata} (no field), and unknown fields. Translation rules: docs/providers/gemini.md.
 */
public final class GeminiAdapter implements ProviderAdapter {

    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    public static final String DEFAULT_API_VERSION = "v1beta";

    static final Set<Param> SUPPORTED = EnumSet.of(
            Param.MAX_TOKENS,
            Param.TEMPERATURE,
            Param.TOP_P,
            Param.TOP_K,
            Param.N,
            Param.STOP,
            Param.SEED,
            Param.PRESENCE_PENALTY,
            Param.FREQUENCY_PENALTY,
            Param.TOOLS,
            Param.TOOL_CHOICE,
            Param.RESPONSE_FORMAT,
            Param.REASONING);

    private final ProviderSettings settings;
    private final Clock clock;

    public GeminiAdapter(ProviderSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the source of the {@code created} timestamps, which Gemini does not send */
    public GeminiAdapter(ProviderSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Protocol protocol() {
        return Protocol.GEMINI;
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, String upstreamModel) {
        ChatRequest r = SupportedParams.apply(request, SUPPORTED, settings);
        ObjectNode body = GeminiRequestEncoder.encode(r);
        mergeMissing(body, settings.extraBody());
        String method = r.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return new UpstreamRequest("POST", path(upstreamModel, method), headers(), Json.bytes(body), r.stream());
    }

    @Override
    public ChatResponse decodeChat(byte[] body) {
        return GeminiResponseDecoder.decode(settings.name(), body, settings.name(), now());
    }

    @Override
    public ChatStreamDecoder newStreamDecoder() {
        return new GeminiStreamDecoder(settings.name(), settings.name(), now());
    }

    @Override
    public UpstreamRequest embeddingsRequest(EmbeddingRequest request, String upstreamModel) {
        if (request.user() != null && !settings.dropUnsupportedParams()) {
            throw GatewayException.builder(
                            ErrorCode.UNSUPPORTED_PARAMETER,
                            "Parameter 'user' is not supported by"
                                    + " provider '" + settings.name() + "'. Remove it, or configure the provider with"
                                    + " dropUnsupportedParams: true.")
                    .param("user")
                    .build();
        }
        ObjectNode body = GeminiEmbeddings.encode(request, resource(upstreamModel));
        return new UpstreamRequest(
                "POST", path(upstreamModel, ":batchEmbedContents"), headers(), Json.bytes(body), false);
    }

    @Override
    public EmbeddingResponse decodeEmbeddings(byte[] body, EmbeddingRequest request) {
        return GeminiEmbeddings.decode(settings.name(), body, request);
    }

    @Override
    public GatewayException decodeError(int status, String retryAfter, byte[] body) {
        return GeminiErrors.decode(settings.name(), status, retryAfter, body);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private String path(String upstreamModel, String method) {
        String version = settings.apiVersion() != null ? settings.apiVersion() : DEFAULT_API_VERSION;
        return "/" + version + "/" + resource(upstreamModel) + method;
    }

    /** {@code models/<name>}; a name that already is a resource ({@code tunedModels/x}, {@code models/x}) stays. */
    private static String resource(String upstreamModel) {
        return upstreamModel.contains("/") ? upstreamModel : "models/" + upstreamModel;
    }

    /** {@code GET /v1beta/models} (https://ai.google.dev/api/models#method:-models.list). */
    @Override
    public UpstreamRequest healthCheckRequest() {
        String version = settings.apiVersion() != null ? settings.apiVersion() : DEFAULT_API_VERSION;
        return new UpstreamRequest("GET", "/" + version + "/models", headers(), new byte[0], false);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(settings.headers());
        if (settings.apiKey() != null) {
            headers.put("x-goog-api-key", settings.apiKey());
        }
        return headers;
    }

    /** Adds what {@code body} lacks from {@code extra}, descending into objects both have. */
    private static void mergeMissing(ObjectNode body, Map<String, JsonNode> extra) {
        for (Map.Entry<String, JsonNode> e : extra.entrySet()) {
            JsonNode mine = body.get(e.getKey());
            if (mine == null) {
                body.set(e.getKey(), e.getValue().deepCopy());
            } else if (mine.isObject() && e.getValue().isObject()) {
                Map<String, JsonNode> nested = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = e.getValue().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    nested.put(field.getKey(), field.getValue());
                }
                mergeMissing((ObjectNode) mine, nested);
            }
        }
    }
}
