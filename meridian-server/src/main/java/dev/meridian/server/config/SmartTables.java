package dev.meridian.server.config;

import dev.meridian.core.routing.QualityTier;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.TaskType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The candidate tables smart models choose among, as routing builds them and as {@code config check} warns. */
public final class SmartTables {

    private SmartTables() {}

    /**
     * The candidates of a smart model: its own {@code candidates} cells over {@code routing.smart.candidates}
     * over the built-in table; for {@code auto} (no model of its own, {@code model} null) the last two.
     *
     * @throws IllegalArgumentException for a table validation would have refused
     */
    public static SmartCandidates of(RoutingConfig routing, ModelConfig model) {
        Map<String, Map<String, List<String>>> base = routing.smart().candidates();
        if (model == null || model.candidates().isEmpty()) {
            return base == null ? SmartCandidates.seedDefaults() : SmartCandidates.parse(base);
        }
        return SmartCandidates.parse(overlay(base, model.candidates()));
    }

    /** The task/tier cells ("reasoning/high") in which no candidate passes {@code configured}, in table order. */
    public static List<String> cellsWithout(SmartCandidates table, Predicate<String> configured) {
        List<String> empty = new ArrayList<>();
        for (TaskType task : TaskType.values()) {
            for (QualityTier tier : QualityTier.values()) {
                if (table.candidates(task, tier).stream().noneMatch(configured)) {
                    empty.add(task.wireName() + "/" + tier.wireName());
                }
            }
        }
        return empty;
    }

    /** {@code base} with the cells of {@code over} replacing its own ({@code base} may be null). */
    private static Map<String, Map<String, List<String>>> overlay(
            Map<String, Map<String, List<String>>> base, Map<String, Map<String, List<String>>> over) {
        Map<String, Map<String, List<String>>> merged = new LinkedHashMap<>();
        if (base != null) {
            base.forEach((task, tiers) -> merged.put(task, new LinkedHashMap<>(tiers)));
        }
        over.forEach((task, tiers) ->
                merged.computeIfAbsent(task, t -> new LinkedHashMap<>()).putAll(tiers));
        return merged;
    }
}
