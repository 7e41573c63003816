package dev.meridian.server.routing;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.routing.SmartChoice;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where one request is to be served, decided before any call: the first model group, the groups to fall back to
 * after that group's own chains (a smart choice's other candidates), and the decisions that led there.
 *
 * @param group          the model group to try first
 * @param extraFallbacks groups tried, in order, once the group and its own fallback chains are exhausted
 * @param smart          what smart selection chose, or null
 * @param degradedFrom   the group asked for, when load moved the request to its {@code degradeTo}; or null
 * @param location       the caller's region ({@code x-meridian-region}), or null
 */
public record RoutePlan(
        ModelGroup group, List<String> extraFallbacks, SmartChoice smart, String degradedFrom, String location) {

    public RoutePlan {
        requireNonNull(group, "group");
        extraFallbacks = List.copyOf(extraFallbacks);
    }

    /** The headers that tell the caller what was decided. */
    public void headers(BiConsumer<String, String> out) {
        if (smart != null) {
            out.accept("x-meridian-task", smart.task() + (smart.inferred() ? "; inferred" : ""));
            out.accept("x-meridian-quality", smart.tier());
            out.accept("x-meridian-selected-model", smart.selected());
        }
        if (degradedFrom != null) {
            out.accept("x-meridian-degraded-from", degradedFrom);
        }
    }
}
