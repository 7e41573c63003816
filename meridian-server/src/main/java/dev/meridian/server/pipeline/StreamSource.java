package dev.meridian.server.pipeline;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * Where a streamed answer's bytes come from: a provider's live response, or a replay from memory. The writer
 * relays whatever source a reply carries the same way, with backpressure. Confined to the request's event loop.
 */
public interface StreamSource {

    /**
     * Starts delivery: chunks in order to {@code onChunk}, then exactly one of {@code onEnd} or {@code onError}
     * (the latter with a {@code GatewayException} when the cause is known). Called once.
     */
    void start(Handler<Buffer> onChunk, Handler<Void> onEnd, Handler<Throwable> onError);

    /** Stops delivering until {@link #resume()}, because the caller's socket is full. */
    void pause();

    void resume();

    /** Stops delivery for good and releases what the source holds (a provider request is reset). Idempotent. */
    void abort();
}
