package dev.meridian.core.inbound;

import static java.util.Objects.requireNonNull;

/**
 * A stored answer of a stateful door: the response as its caller received it, and the conversation that led to it
 * with the answer's own items, which a later request continues from.
 *
 * @param id        the response's id, as the caller knows it (e.g. {@code resp_…})
 * @param model     the model that answered
 * @param createdAt seconds since the epoch
 * @param response  the response object, JSON
 * @param items     the conversation: earlier items, this request's input and the answer's output, a JSON array
 */
public record StoredResponse(String id, String model, long createdAt, byte[] response, byte[] items) {
    public StoredResponse {
        requireNonNull(id, "id");
        requireNonNull(model, "model");
        requireNonNull(response, "response");
        requireNonNull(items, "items");
    }
}
