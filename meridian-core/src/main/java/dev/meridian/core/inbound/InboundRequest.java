package dev.meridian.core.inbound;

import dev.meridian.core.cache.CacheFingerprint;
import dev.meridian.core.cache.SemanticPrompt;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.relay.StreamTranslator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One caller request as its front door read it: what routing needs (model, stream), the caller's bytes for a
 * same-protocol provider, and the canonical form, decoded once on first need. Everything that depends on the
 * caller's protocol or operation is asked of this object, so the request path never branches on either.
 *
 * <p>The canonical path: {@link #replace} swaps in a rewritten request (masking, say) and turns pass-through
 * off for this request, so that every provider receives the rewritten form. Confined to the request's event
 * loop; not thread-safe.
 */
public interface InboundRequest {

    /** The public model name the caller asked for. */
    String model();

    /** Whether the caller asked for a stream of events. */
    boolean stream();

    /** The front door this request came through. */
    InboundProtocol protocol();

    /** The request in the gateway's terms, decoded (and validated) on first call. */
    CanonicalRequest canonical();

    /**
     * Replaces the request by a rewritten one; from then on it is encoded for every provider, never passed
     * through as the caller sent it.
     *
     * @throws IllegalArgumentException when the replacement is of another operation
     */
    void replace(CanonicalRequest request);

    /**
     * Turns pass-through off for this request: every provider receives the canonical request, and streams are
     * decoded into canonical events, for a stage or filter that must see or change them (cache key, masking). The
     * request is decoded now, so a body the canonical form refuses is refused by the stage that asked, before
     * admission.
     *
     * @throws GatewayException a 400-class error naming the field, when the body does not decode
     */
    void canonicalOnly();

    /** Whether the caller's bytes may still be forwarded as they came to a provider speaking this protocol. */
    boolean passThroughAllowed();

    /**
     * Whether {@code adapter}'s provider takes the caller's bytes as they came (with a few splices): while
     * {@link #passThroughAllowed()}, when it speaks this door's protocol. A door whose protocol no adapter speaks
     * decides by the deployment itself (the Responses API: deployments that serve it). The attempt loop asks this once
     * per attempt, and the request log records it.
     */
    default boolean passesThrough(ProviderAdapter adapter) {
        return passThroughAllowed()
                && adapter instanceof PassThroughAdapter
                && adapter.protocol() == protocol().protocol();
    }

    /**
     * The request for one provider: the caller's bytes with a few splices when {@code passThrough}, else the
     * canonical request encoded by the provider's adapter.
     *
     * @throws GatewayException 400 naming the field, for what the provider cannot express
     */
    default UpstreamRequest upstreamRequest(ProviderAdapter adapter, String upstreamModel, boolean passThrough) {
        return upstreamRequest(adapter, upstreamModel, passThrough, PromptCaching.OFF);
    }

    /**
     * {@link #upstreamRequest(ProviderAdapter, String, boolean)} with what the gateway asks of the provider's prompt
     * cache (breakpoints, a cache key), which the adapter applies on either path.
     */
    UpstreamRequest upstreamRequest(
            ProviderAdapter adapter, String upstreamModel, boolean passThrough, PromptCaching caching);

    /**
     * The request's stable prefix (tools, system prompt, earlier turns), for a provider's prompt cache: routing
     * affinity and cache keys. Null when the request has none worth caching: not a chat, a single message, or a
     * prefix under {@code minBytes} bytes (checked before any work, so short requests cost nothing). Computed once.
     */
    default PromptPrefix promptPrefix(long minBytes) {
        return null;
    }

    /**
     * The answer the door gives for this provider without calling it, or null (the default) to call it: token
     * counting for a provider that has no counting API is answered by the gateway's own count. The supplier is run
     * off the event loop (counting tokens may load a tokenizer), instead of {@link #upstreamRequest}.
     *
     * @param passThrough whether the provider speaks the caller's protocol and may receive its bytes
     */
    default Supplier<Answer> localAnswer(ProviderAdapter adapter, String upstreamModel, boolean passThrough) {
        return null;
    }

    /**
     * A provider's complete (2xx, non-streamed) answer in the caller's protocol.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body is not the provider's response shape
     */
    Answer answer(ProviderAdapter adapter, String provider, byte[] body, boolean passThrough);

    /**
     * A translator for the provider's stream into the caller's, with {@code filters} applied in order to the
     * canonical events (on the pass-through path only the usage meter observes).
     */
    StreamTranslator streamTranslator(
            ProviderAdapter adapter, String provider, boolean passThrough, List<StreamFilter> filters);

    /**
     * Whether the response cache may answer this request or keep its answer; false at a door whose every answer is
     * new state (a stored response with its own id).
     */
    default boolean cacheable() {
        return true;
    }

    /**
     * The request's cache fingerprint: the digest of its canonical form over what changes the answer (the model
     * replaced by {@code group}; the stream flag, the caller's user id and metadata left out) and its temperature.
     */
    default CacheFingerprint fingerprint(String group) {
        throw new UnsupportedOperationException(protocol().protocol() + " requests are not cached");
    }

    /**
     * What the semantic cache compares: the messages' text, and the digest of everything else that changes the
     * answer ({@link SemanticPrompt}); the model replaced by {@code group}.
     */
    default SemanticPrompt semanticPrompt(String group) {
        throw new UnsupportedOperationException(protocol().protocol() + " requests are not cached");
    }

    /**
     * A cached answer as the stream this caller asked for: the caller's events (in one chunk, usage included) and
     * the translator that relays them, withholding the usage chunk from a caller who did not ask for it.
     */
    default Replay replay(ChatResponse answer) {
        throw new UnsupportedOperationException(protocol().protocol() + " answers are not replayed");
    }

    /** A replayed stream: chunks in the caller's protocol, relayed by {@code translator}. */
    record Replay(List<byte[]> chunks, StreamTranslator translator) {}

    /** A complete answer: the caller's bytes, and what accounting reads from it. */
    record Answer(byte[] body, Usage usage, String model) {}
}
