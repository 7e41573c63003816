package dev.meridian.core.inbound;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.provider.Protocol;
import java.util.function.Function;

/**
 * A front door: one wire protocol and operation the gateway accepts from callers (OpenAI chat completions,
 * OpenAI embeddings; later Anthropic Messages, the Responses API). It reads and validates a caller's body at
 * the edge, before anything is routed, and renders errors in its own shape. What the request needs after that
 * (its upstream request, its answer in the caller's protocol, its stream translator) is asked of the
 * {@link InboundRequest} it returns, so routing never knows which door a request came through.
 *
 * <p>Chosen per route and held by the request. Implementations are stateless and thread-safe; pure (no I/O).
 */
public interface InboundProtocol {

    /** The wire protocol callers speak at this door; a provider speaking it may receive the body as it came. */
    Protocol protocol();

    /** The kind of request served here. */
    Operation operation();

    /**
     * Reads a body enough to route it, validating it: a cheap scan that keeps the bytes for pass-through.
     * The full decode into the canonical model is {@link InboundRequest#canonical()}.
     *
     * @throws GatewayException a 400-class error naming the field ({@code param}) when the body is malformed
     */
    InboundRequest read(byte[] body);

    /**
     * {@link #read(byte[])} for a door that also reads some of the caller's headers (Anthropic's
     * {@code anthropic-beta}, forwarded to a provider of the same protocol); the default reads the body only.
     *
     * @param headers the caller's header of a name (case-insensitive), or null when absent
     */
    default InboundRequest read(byte[] body, Function<String, String> headers) {
        return read(body);
    }

    /** The HTTP status this door answers {@code e} with: the error's own, unless the protocol has its own for it. */
    default int errorStatus(GatewayException e) {
        return e.status();
    }

    /** An error in this protocol's shape, for the response body (JSON). */
    byte[] encodeError(GatewayException e);

    /**
     * A complete chat answer in this protocol, as a non-streaming caller receives it (a cached answer).
     *
     * @throws UnsupportedOperationException at a door whose answers are not chat answers
     */
    default byte[] encodeAnswer(ChatResponse answer) {
        throw new UnsupportedOperationException(protocol() + " " + operation() + " answers are not cached");
    }

    /**
     * Reads back a complete chat answer in this protocol (one a non-streaming caller received), to store it.
     *
     * @throws GatewayException when the body is not this protocol's answer
     * @throws UnsupportedOperationException at a door whose answers are not chat answers
     */
    default ChatResponse decodeAnswer(byte[] body) {
        throw new UnsupportedOperationException(protocol() + " " + operation() + " answers are not cached");
    }
}
