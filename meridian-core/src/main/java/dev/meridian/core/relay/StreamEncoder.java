package dev.meridian.core.relay;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.StreamEvent;

/** Writes canonical stream events in a caller's protocol, one event at a time. One per stream; not thread-safe. */
public interface StreamEncoder {

    /** The bytes to send for one event; empty when the event produces nothing of its own. */
    byte[] encode(StreamEvent event);

    /**
     * The closing bytes once the stream is complete (usage, end marker).
     *
     * @param costUsd what the stream's usage cost at the serving deployment's price, or null when unknown
     */
    byte[] finish(Double costUsd);

    /** The event that reports a failure and ends the stream. */
    byte[] error(GatewayException e);
}
