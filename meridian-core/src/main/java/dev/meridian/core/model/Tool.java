package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function the model may call.
 *
 * @param parameters   the JSON Schema of the arguments; null when the function takes none
 * @param strict       OpenAI structured-outputs strictness; null when not given
 * @param cacheControl Anthropic prompt-caching marker, verbatim; null when absent
 */
public record Tool(String name, String description, JsonNode parameters, Boolean strict, JsonNode cacheControl) {
    public Tool {
        requireNonNull(name, "name");
    }
}
