package dev.meridian.core.inbound;

/**
 * A request through a door that keeps conversations across requests (the Responses API's {@code store} and
 * {@code previous_response_id}). The gateway, not the door, reads and writes the store: before the request is
 * routed it hands over the conversation it continues ({@link #continueFrom}); once the answer is complete it asks
 * for what to keep ({@link #stored}), from the answer's body or from the stream's {@link Completion}. Confined to the request's event loop, like every {@link InboundRequest}.
 */
public interface StatefulRequest {

    /** The id of the stored response this request continues, or null. */
    String previousResponseId();

    /**
     * Puts the stored conversation before this request's own input. Called at most once, before the request is
     * decoded for a provider, with what {@link #stored} returned for {@link #previousResponseId()}.
     *
     * @throws dev.meridian.core.error.GatewayException 400 naming {@code previous_response_id} when the stored
     *         conversation cannot be continued by this door
     */
    void continueFrom(StoredResponse previous);

    /** Whether the caller asked for its answer to be stored (the Responses API stores by default). */
    boolean store();

    /**
     * What to store for an answer the caller received: {@code response} (its response object, JSON) and the
     * conversation so far, ending with the answer's output.
     *
     * @throws dev.meridian.core.error.GatewayException when {@code response} is not a response object
     */
    StoredResponse stored(byte[] response);

    /**
     * Implemented by the stream translators of a stateful door: the complete response object a stream ended with,
     * for {@link #stored}.
     */
    interface Completion {

        /** The response object (JSON) of the finished stream, or null while it has not finished well. */
        byte[] completedResponse();
    }
}
