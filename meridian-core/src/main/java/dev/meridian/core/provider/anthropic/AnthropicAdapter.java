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
import dev.meridian.core.protocol.anthropic.AnthropicErrors;
import dev.meridian.core.protocol.anthropic.AnthropicPromptCache;
import dev.meridian.core.protocol.anthropic.AnthropicRequestEncoder;
import dev.meridian.core.protocol.anthropic.AnthropicResponseDecoder;
import dev.meridian.core.protocol.anthropic.AnthropicStreamDecoder;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.SupportedParams;
import dev.meridian.core.provider.UpstreamRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST /v1/messages} on {@code https://api.anthropic.com};
 * https://platform.claude.com/docs/en/api/messages). Authenticates with {@code x-api-key} and pins
 * {@code anthropic-version} (the settings' apiVersion, else {@value #DEFAULT_VERSION};
 * https://platform.claude.com/docs/en/api/versioning); the settings' headers (e.g. {@code anthropic-beta})
 * are added last and win. The settings' extraBody fields are added to every body where the request does
 * not set the field itself. Anthropic has no embeddings API.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    static final String MESSAGES_PATH = "/v1/messages";
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
        headers.putAll(settings.headers());
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
