package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

/** One alternative answer. {@code finishReason} is null only when the provider did not say. */
public record Choice(int index, Message message, FinishReason finishReason) {
    public Choice {
        requireNonNull(message, "message");
    }
}
