package dev.meridian.core.protocol.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.Param;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.PassThroughBody;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.SupportedParams;
import dev.meridian.core.provider.UpstreamRequest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every provider speaking the OpenAI protocol shares: the codec in both directions, the parameter
 * check, the error mapping, OpenAI's paths. A provider says only what differs: its credentials header,
 * which field carries the output limit, which parameters it takes and, if they differ, its paths. Shared code never asks which provider
 * it serves.
 *
 * <p>Headers are, in order: the configured {@link ProviderSettings#headers()}, {@code Content-Type}, then the
 * provider's credentials (so a configured header cannot silently replace the key). Immutable and thread-safe.
 */
public abstract class OpenAiProtocolAdapter implements ProviderAdapter, PassThroughAdapter {

    /** The parameters OpenAI's own chat completions API takes: all but {@code top_k}, which it refuses. */
    protected static final Set<Param> OPENAI_PARAMS = Set.copyOf(EnumSet.complementOf(EnumSet.of(Param.TOP_K)));

    /** Every parameter: compatible servers judge for themselves and answer 400 for what they reject. */
    static final String PROMPT_CACHE_KEY = "prompt_cache_key";

    protected static final Set<Param> ALL_PARAMS = Set.copyOf(EnumSet.allOf(Param.class));

    private final ProviderSettings settings;
    private final Set<Param> supported;
    private final OpenAiRequestEncoder encoder;
    private final Map<String, String> headers;

    /**
     * @param credentials the provider's credential headers (empty when it needs none)
     * @param supported   the parameters the provider honours; others are refused or dropped by
     *                    {@link SupportedParams}
     */
    protected OpenAiProtocolAdapter(
            ProviderSettings settings,
            OpenAiRequestEncoder.TokenLimit tokenLimit,
            Set<Param> supported,
            Map<String, String> credentials) {
        this.settings = requireNonNull(settings, "settings");
        this.supported = Set.copyOf(supported);
        this.encoder = new OpenAiRequestEncoder(tokenLimit, settings.streamUsage(), settings.extraBody());
        Map<String, String> h = new LinkedHashMap<>(settings.headers());
        h.put("Content-Type", "application/json");
        h.putAll(credentials);
        this.headers = Map.copyOf(h);
    }

    /** The chat completions path and query, relative to the provider's base URL; OpenAI's own by default. */
    protected String chatPath(String upstreamModel) {
        return "/chat/completions";
    }

    /** The embeddings path and query, relative to the provider's base URL; OpenAI's own by default. */
    /** The model list, relative to the base URL. */
    protected String modelsPath() {
        return "/models";
    }

    @Override
    public final UpstreamRequest healthCheckRequest() {
        return new UpstreamRequest("GET", modelsPath(), headers, new byte[0], false);
    }

    protected String embeddingsPath(String upstreamModel) {
        return "/embeddings";
    }

    /** The Responses API path and query, relative to the provider's base URL; OpenAI's own by default. */
    protected String responsesPath(String upstreamModel) {
        return "/responses";
    }

    /**
     * Whether this deployment serves OpenAI's Responses API ({@link ProviderSettings#responsesApi()}), so a Responses
     * request may pass through to it rather than be translated to chat completions.
     */
    public final boolean servesResponses() {
        return settings.responsesApi();
    }

    /**
     * A Responses API request with {@code body} as its door rewrote it (model, stored conversation); the configured
     * headers and credentials as for chat. Only for a deployment that {@link #servesResponses()}.
     */
    public final UpstreamRequest responsesRequest(byte[] body, String upstreamModel, boolean stream) {
        return new UpstreamRequest("POST", responsesPath(upstreamModel), headers, body, stream);
    }

    protected final ProviderSettings settings() {
        return settings;
    }

    @Override
    public final Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public final UpstreamRequest chatRequest(ChatRequest request, String upstreamModel) {
        return chatRequest(request, upstreamModel, PromptCaching.OFF);
    }

    /** The request, with the gateway's {@code prompt_cache_key} when the provider takes one and the caller set none. */
    @Override
    public final UpstreamRequest chatRequest(ChatRequest request, String upstreamModel, PromptCaching caching) {
        ChatRequest checked = SupportedParams.apply(request, supported, settings);
        byte[] body = encoder.encode(checked, upstreamModel, promptCacheFields(caching, Map.of()));
        return new UpstreamRequest("POST", chatPath(upstreamModel), headers, body, checked.stream());
    }

    /**
     * Whether the provider routes by OpenAI's {@code prompt_cache_key}
     * (https://platform.openai.com/docs/guides/prompt-caching). Off by default: a compatible server may refuse a
     * field it does not know, and the gateway never sends one the operator did not ask for.
     */
    protected boolean takesPromptCacheKey() {
        return false;
    }

    /**
     * {@code base} with {@code prompt_cache_key} added for {@code caching}; the caller's own key wins (neither
     * encoder nor splice writes a field the body already has), and so does a configured extra field.
     */
    private Map<String, JsonNode> promptCacheFields(PromptCaching caching, Map<String, JsonNode> base) {
        if (caching.cacheKey() == null || !takesPromptCacheKey() || base.containsKey(PROMPT_CACHE_KEY)) {
            return base;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>(base);
        fields.put(PROMPT_CACHE_KEY, Json.NODES.textNode(caching.cacheKey()));
        return fields;
    }

    @Override
    public final ChatResponse decodeChat(byte[] body) {
        return OpenAiResponseDecoder.decode(settings.name(), body);
    }

    @Override
    public final ChatStreamDecoder newStreamDecoder() {
        return new OpenAiStreamDecoder(settings.name());
    }

    @Override
    public final UpstreamRequest embeddingsRequest(EmbeddingRequest request, String upstreamModel) {
        return new UpstreamRequest(
                "POST",
                embeddingsPath(upstreamModel),
                headers,
                OpenAiEmbeddingCodec.encodeRequest(request, upstreamModel, settings.extraBody()),
                false);
    }

    @Override
    public final EmbeddingResponse decodeEmbeddings(byte[] body, EmbeddingRequest request) {
        return OpenAiEmbeddingCodec.decodeResponse(settings.name(), body, request);
    }

    /**
     * The caller's OpenAI body as it came, with only the model replaced, usage requested on streams (when
     * {@link ProviderSettings#streamUsage()}) and the configured extra fields added ({@link OpenAiPassThrough}).
     * Parameters are not checked here: the provider speaks this protocol and judges them itself.
     */
    @Override
    public final UpstreamRequest passThrough(PassThroughBody body, String upstreamModel) {
        return passThrough(body, upstreamModel, PromptCaching.OFF);
    }

    /** {@link #passThrough(PassThroughBody, String)}, with {@code prompt_cache_key} spliced in as for a translation. */
    @Override
    public final UpstreamRequest passThrough(PassThroughBody body, String upstreamModel, PromptCaching caching) {
        boolean chat = body.operation() == Operation.CHAT;
        Map<String, JsonNode> extra = chat ? promptCacheFields(caching, settings.extraBody()) : settings.extraBody();
        byte[] rewritten = body.rewrite(upstreamModel, chat && settings.streamUsage(), extra);
        return new UpstreamRequest(
                "POST",
                chat ? chatPath(upstreamModel) : embeddingsPath(upstreamModel),
                headers,
                rewritten,
                chat && body.stream());
    }

    /** OpenAI's error body and the shapes compatible servers use instead ({@link OpenAiErrors#decode}). */
    @Override
    public GatewayException decodeError(int status, String retryAfter, byte[] body) {
        return OpenAiErrors.decode(settings.name(), status, retryAfter, body);
    }
}
