package dev.meridian.core.routing;

import static java.util.Objects.requireNonNull;

/**
 * What smart selection chose for one request.
 *
 * @param task     the task type's wire name
 * @param inferred whether the task came from the prompt rather than a header
 * @param tier     the quality tier's wire name
 * @param selected the model group chosen first (the others are its fallbacks)
 */
public record SmartChoice(String task, boolean inferred, String tier, String selected) {
    public SmartChoice {
        requireNonNull(task, "task");
        requireNonNull(tier, "tier");
        requireNonNull(selected, "selected");
    }
}
