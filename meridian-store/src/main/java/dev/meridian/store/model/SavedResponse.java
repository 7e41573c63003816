package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A response stored by the Responses API.
 *
 * @param owner     the caller's tenant id, or {@code config:<key name>} for a configured key
 * @param id        the response's id ({@code resp_…})
 * @param keyId     the virtual key that created it, or null
 * @param model     the model that answered
 * @param createdAt when it was stored
 * @param expiresAt until when it can be read
 * @param response  the response object (JSON)
 * @param items     the conversation ending with its output items (a JSON array)
 */
public record SavedResponse(
        String owner,
        String id,
        String keyId,
        String model,
        Instant createdAt,
        Instant expiresAt,
        String response,
        String items) {
    public SavedResponse {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        requireNonNull(model, "model");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(expiresAt, "expiresAt");
        requireNonNull(response, "response");
        requireNonNull(items, "items");
    }
}
