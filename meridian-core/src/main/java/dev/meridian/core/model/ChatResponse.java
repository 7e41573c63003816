package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A complete chat answer.
 *
 * @param id      the provider's response id (Anthropic msg_…, Gemini responseId); used as the OpenAI id
 * @param model   the model that answered, as the provider named it
 * @param created seconds since the epoch
 * @param usage   null when the provider reported none
 */
public record ChatResponse(
        String id, String model, long created, List<Choice> choices, Usage usage, String systemFingerprint) {
    public ChatResponse {
        requireNonNull(id, "id");
        requireNonNull(model, "model");
        choices = List.copyOf(choices);
    }
}
