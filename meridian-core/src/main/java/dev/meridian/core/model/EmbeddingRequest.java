package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A request for embeddings of one or more texts.
 *
 * @param encodingFormat "float" or "base64" (OpenAI's little-endian float32, base64 encoded); null means float
 * @param dimensions     the requested vector size, or null for the model's default
 */
public record EmbeddingRequest(
        String model, List<String> inputs, String encodingFormat, Integer dimensions, String user)
        implements CanonicalRequest {
    public EmbeddingRequest {
        requireNonNull(model, "model");
        inputs = List.copyOf(inputs);
    }
}
