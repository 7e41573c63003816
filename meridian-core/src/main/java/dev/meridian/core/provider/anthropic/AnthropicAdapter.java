package dev.meridian.core.provider.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.protocol.anthropic.AnthropicBody;
import dev.meridian.core.protocol.anthropic.AnthropicErrors;
import dev.meridian.core.protocol.anthropic.AnthropicPromptCache;
import dev.meridian.core.protocol.anthropic.AnthropicRequestEncoder;
import dev.meridian.core.protocol.anthropic.AnthropicResponseDecoder;
import dev.meridian.core.protocol.anthropic.AnthropicStreamDecoder;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.PassThroughBody;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.SupportedParams;
import dev.meridian.core.provider.UpstreamRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's Messages API ({@code POST /v1/messages} on {@code https://api.anthropic.com};
 * https://platform.claude.com/docs/en/api/messages). Authenticates with {@code x-api-key} and pins
 * {@code anthropic-version} (the settings' apiVersion, else {@value #DEFAULT_VERSION};
 * https://platform.claude.com/docs/en/api/versioning); the settings' headers (e.g. {@code anthropic-beta})
 * are added last and win. The settings' extraBody fields are added to every body where the request does
 * not set the field itself. Anthropic has no embeddings API.
 *
 * <p>A caller of the gateway's own Messages door reaches this provider as it came ({@link #passThrough}): the model
 * replaced, the extra fields added, breakpoints inserted when prompt caching is {@code auto}, and the caller's
 * {@code anthropic-beta} values added to the configured ones, so betas the gateway does not know still reach
 * Anthropic.
 */
public final class AnthropicAdapter implements ProviderAdapter, PassThroughAdapter {

    static final String MESSAGES_PATH = "/v1/messages";
    static final String COUNT_TOKENS_PATH = "/v1/messages/count_tokens";
    static final String BETA = "anthropic-beta";
    static final String DEFAULT_VERSION = "2023-06-01";

    private final ProviderSettings settings;
    private final Clock clock;

    public AnthropicAdapter(ProviderSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock gives the {@code created} time Anthropic's answers lack */
    AnthropicAdapter(ProviderSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Protocol protocol() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public UpstreamRequest chatRequest(ChatRequest request, String upstreamModel) {
        return chatRequest(request, upstreamModel, PromptCaching.OFF);
    }

    /** The request, with prompt-cache breakpoints on its stable prefix when {@code caching.auto()}. */
    @Override
    public UpstreamRequest chatRequest(ChatRequest request, String upstreamModel, PromptCaching caching) {
        ChatRequest supported = SupportedParams.apply(request, AnthropicRequestEncoder.SUPPORTED_PARAMS, settings);
        ObjectNode body = AnthropicRequestEncoder.encode(supported, upstreamModel);
        if (caching.auto()) {
            AnthropicPromptCache.insert(body, upstreamModel);
        }
        settings.extraBody().forEach((field, value) -> {
            if (!body.has(field)) {
                body.set(field, value);
            }
        });
        return new UpstreamRequest("POST", MESSAGES_PATH, headers(), Json.bytes(body), supported.stream());
    }

    @Override
    public UpstreamRequest passThrough(PassThroughBody body, String upstreamModel) {
        return passThrough(body, upstreamModel, PromptCaching.OFF);
    }

    @Override
    public UpstreamRequest passThrough(PassThroughBody body, String upstreamModel, PromptCaching caching) {
        boolean chat = body.operation() == Operation.CHAT;
        byte[] bytes = body instanceof AnthropicBody anthropic
                ? anthropic.rewrite(upstreamModel, settings.extraBody(), chat && caching.auto())
                : body.rewrite(upstreamModel, false, settings.extraBody());
        Map<String, String> headers = headers();
        String callerBeta = body.headers().get(BETA);
        if (callerBeta != null) {
            headers.put(BETA, betas(headers.get(BETA), callerBeta));
        }
        return new UpstreamRequest(
                "POST", chat ? MESSAGES_PATH : COUNT_TOKENS_PATH, headers, bytes, chat && body.stream());
    }

    /** The configured betas, then the caller's that are not among them (comma-separated, as Anthropic reads them). */
    static String betas(String configured, String caller) {
        if (configured == null || configured.isBlank()) {
            return caller;
        }
        Set<String> all = new LinkedHashSet<>();
        for (String list : new String[] {configured, caller}) {
            for (String beta : list.split(",")) {
                if (!beta.isBlank()) {
                    all.add(beta.strip());
                }
            }
        }
        return String.join(",", all);
    }

    @Override
    public ChatResponse decodeChat(byte[] body) {
        return AnthropicResponseDecoder.decode(
                body, settings.name(), clock.instant().getEpochSecond());
    }

    @Override
    public ChatStreamDecoder newStreamDecoder() {
        return new AnthropicStreamDecoder(settings.name(), clock);
    }

    @Override
    public UpstreamRequest embeddingsRequest(EmbeddingRequest request, String upstreamModel) {
        throw noEmbeddings();
    }

    @Override
    public EmbeddingResponse decodeEmbeddings(byte[] body, EmbeddingRequest request) {
        throw noEmbeddings();
    }

    @Override
    public GatewayException decodeError(int status, String retryAfter, byte[] body) {
        return AnthropicErrors.decode(settings.name(), status, retryAfter, body);
    }

    /** {@code GET /v1/models} (https://docs.anthropic.com/en/api/models-list). */
    @Override
    public UpstreamRequest healthCheckRequest() {
        return new UpstreamRequest("GET", "/v1/models", headers(), new byte[0], false);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.apiKey() != null) {
            headers.put("x-api-key", settings.apiKey());
        }
        headers.put("anthropic-version", settings.apiVersion() != null ? settings.apiVersion() : DEFAULT_VERSION);
        headers.put("content-type", "application/json");
        settings.headers().forEach((name, value) -> headers.put(name.equalsIgnoreCase(BETA) ? BETA : name, value));
        return headers;
    }

    private GatewayException noEmbeddings() {
        return GatewayException.builder(
                        ErrorCode.INVALID_REQUEST,
                        "Provider '" + settings.name()
                                + "' speaks Anthropic's Messages API, and Anthropic has no embeddings API; route this embeddings"
                                + " model to a provider that has one.")
                .param("model")
                .build();
    }
}
