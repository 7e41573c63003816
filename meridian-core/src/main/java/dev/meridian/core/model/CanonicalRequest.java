package dev.meridian.core.model;

/** A caller's request in the gateway's own terms, whatever protocol it came in. */
public sealed interface CanonicalRequest permits ChatRequest, EmbeddingRequest, TokenCountRequest {

    /** The model name as the caller gave it. */
    String model();
}
