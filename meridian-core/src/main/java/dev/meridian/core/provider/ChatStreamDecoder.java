package dev.meridian.core.provider;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Turns one provider's stream events into the gateway's {@link StreamEvent}s, one upstream event at a time
 * (never buffering the stream). Stateful; one instance per stream; not thread-safe.
 */
public interface ChatStreamDecoder {

    /**
     * Translates one upstream event, handing zero or more gateway events to {@code out}.
     *
     * @throws GatewayException when the event is an error event or cannot be read
     *                          ({@link dev.meridian.core.error.ErrorCode#UPSTREAM_ERROR})
     */
    void decode(SseEvent event, Consumer<StreamEvent> out);

    /**
     * The upstream stream has ended. Emits whatever the end implies and throws {@link GatewayException}
     * when the stream ended before the provider's end marker (a cut stream must not look complete).
     */
    void end(Consumer<StreamEvent> out);
}
