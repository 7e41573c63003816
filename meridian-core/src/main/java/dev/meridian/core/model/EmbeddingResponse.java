package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Embedding vectors in input order; {@code usage} counts input tokens only, or is null when not reported. */
public record EmbeddingResponse(String model, List<float[]> vectors, Usage usage) {
    public EmbeddingResponse {
        requireNonNull(model, "model");
        vectors = List.copyOf(vectors);
    }
}
