package dev.meridian.core.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Embedding vectors in input order; {@code usage} counts input tokens only, or is null when not reported. */
public record EmbeddingResponse(String model, List<float[]> vectors, Usage usage) {
    public EmbeddingResponse {
        requireNonNull(model, "model");
        vectors = List.copyOf(vectors);
    }
}
