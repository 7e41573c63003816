package dev.meridian.core.provider;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;

/**
 * Everything one provider must answer, as pure functions: no I/O, no Vert.x types, so every translation is
 * tested without a server. The server's HTTP client sends what {@link #chatRequest} builds and feeds what
 * comes back to the decoders.
 *
 * <p>Implementations are immutable and thread-safe (stream decoders excepted: one per stream).
 */
public interface ProviderAdapter {

    /** The wire protocol this provider speaks; same as the caller's means the body can pass through. */
    Protocol protocol();

    /**
     * Builds the upstream request for a chat call.
     *
     * @param request       the caller's request, decoded
     * @param upstreamModel the provider's name for the model
     * @throws GatewayException {@code UNSUPPORTED_PARAMETER} or {@code INVALID_REQUEST} (400) naming the
     *                          caller's field, for what the provider cannot express
     */
    UpstreamRequest chatRequest(ChatRequest request, String upstreamModel);

    /**
     * {@link #chatRequest(ChatRequest, String)} with what the gateway asks of the provider's prompt cache; an
     * adapter whose provider has nothing to set (the default) ignores it. Never changes what the model answers.
     */
    default UpstreamRequest chatRequest(ChatRequest request, String upstreamModel, PromptCaching caching) {
        return chatRequest(request, upstreamModel);
    }

    /**
     * Reads a successful (2xx) non-streamed chat answer.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body is not the provider's response shape
     */
    ChatResponse decodeChat(byte[] body);

    /** A decoder for one streamed chat answer. */
    ChatStreamDecoder newStreamDecoder();

    /**
     * Builds the upstream request for embeddings.
     *
     * @throws GatewayException {@code INVALID_REQUEST} when the provider has no embeddings API or cannot
     *                          express the request (e.g. token-array input)
     */
    UpstreamRequest embeddingsRequest(EmbeddingRequest request, String upstreamModel);

    /** Reads a successful embeddings answer; {@code request} is the one that was sent. */
    EmbeddingResponse decodeEmbeddings(byte[] body, EmbeddingRequest request);

    /**
     * A request that costs no tokens and shows whether the provider answers with these credentials (its model
     * list), for active health checks. Any answer other than 2xx, 429 or a connection failure counts as
     * unhealthy.
     */
    UpstreamRequest healthCheckRequest();

    /**
     * Maps a non-2xx answer to the gateway's error, keeping the provider's message, code, status and
     * {@code Retry-After}.
     *
     * @param retryAfter the {@code Retry-After} header, or null
     */
    GatewayException decodeError(int status, String retryAfter, byte[] body);
}
