package dev.meridian.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each {@link TaskType} and {@link QualityTier}, the public model names smart routing tries, best first.
 * Immutable and thread-safe.
 *
 * <p>{@link #seedDefaults()} is the seed design's {@code CostOptimizer.TASK_MODEL_MAP} (its {@code low_budget},
 * {@code medium_budget} and {@code high_budget} are {@link QualityTier#LOW}, {@link QualityTier#MEDIUM} and
 * {@link QualityTier#HIGH}); {@link #seedPrices()} is its {@code MODEL_PRICING}.
 */
public final class SmartCandidates {

    private static final SmartCandidates SEED = new SmartCandidates(seedTable());
    private static final Map<String, ModelPrice> SEED_PRICES = seedPriceTable();

    private final Map<TaskType, Map<QualityTier, List<String>>> table;

    private SmartCandidates(Map<TaskType, Map<QualityTier, List<String>>> table) {
        this.table = table;
    }

    /** The seed's table, unchanged. */
    public static SmartCandidates seedDefaults() {
        return SEED;
    }

    /**
     * A table overriding the seed's cell by cell: a task or tier missing from {@code table} keeps the seed's
     * list for that cell.
     *
     * @throws IllegalArgumentException naming the cell, if a list is empty or holds a blank or repeated name
     * @throws NullPointerException     if a key, tier map, list or name is null
     */
    /**
     * A table written with wire names ({@code code_generation → high → [groups]}), as configuration gives it.
     *
     * @throws IllegalArgumentException naming an unknown task type or tier
     */
    public static SmartCandidates parse(Map<String, Map<String, List<String>>> raw) {
        Map<TaskType, Map<QualityTier, List<String>>> table = new EnumMap<>(TaskType.class);
        raw.forEach((task, tiers) -> {
            Map<QualityTier, List<String>> byTier = new EnumMap<>(QualityTier.class);
            tiers.forEach((tier, names) -> byTier.put(
                    QualityTier.parse(tier)
                            .orElseThrow(() -> new IllegalArgumentException("unknown tier '" + tier + "'")),
                    names));
            table.put(
                    TaskType.parse(task)
                            .orElseThrow(() -> new IllegalArgumentException("unknown task type '" + task + "'")),
                    byTier);
        });
        return of(table);
    }

    public static SmartCandidates of(Map<TaskType, Map<QualityTier, List<String>>> table) {
        requireNonNull(table, "table");
        table.keySet().forEach(task -> requireNonNull(task, "task"));
        Map<TaskType, Map<QualityTier, List<String>>> merged = new EnumMap<>(TaskType.class);
        for (TaskType task : TaskType.values()) {
            Map<QualityTier, List<String>> tiers = new EnumMap<>(SEED.table.get(task));
            Map<QualityTier, List<String>> overrides = table.get(task);
            if (overrides != null) {
                overrides.forEach(
                        (tier, models) -> tiers.put(requireNonNull(tier, "tier"), checked(task, tier, models)));
            }
            merged.put(task, Collections.unmodifiableMap(tiers));
        }
        return new SmartCandidates(Collections.unmodifiableMap(merged));
    }

    /** The public model names to try for {@code task} at {@code tier}, best first; never empty, unmodifiable. */
    public List<String> candidates(TaskType task, QualityTier tier) {
        return table.get(requireNonNull(task, "task")).get(requireNonNull(tier, "tier"));
    }

    /**
     * The seed's prices in US dollars per million tokens, by public model name, in the seed's order; none has a
     * cached-input rate. Unmodifiable.
     */
    public static Map<String, ModelPrice> seedPrices() {
        return SEED_PRICES;
    }

    private static Map<String, ModelPrice> seedPriceTable() {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        prices.put("gpt-4", new ModelPrice(30.0, 60.0, 0));
        prices.put("gpt-4-turbo", new ModelPrice(10.0, 30.0, 0));
        prices.put("gpt-3.5-turbo", new ModelPrice(0.5, 1.5, 0));
        prices.put("claude-3-opus", new ModelPrice(15.0, 75.0, 0));
        prices.put("claude-3-sonnet", new ModelPrice(3.0, 15.0, 0));
        prices.put("claude-3-haiku", new ModelPrice(0.25, 1.25, 0));
        prices.put("gemini-pro", new ModelPrice(0.5, 1.5, 0));
        return Collections.unmodifiableMap(prices);
    }

    private static Map<TaskType, Map<QualityTier, List<String>>> seedTable() {
        Map<TaskType, Map<QualityTier, List<String>>> table = new EnumMap<>(TaskType.class);
        table.put(
                TaskType.TRANSLATION,
                tiers(
                        List.of("gpt-3.5-turbo", "gemini-pro"),
                        List.of("claude-3-haiku", "gemini-pro"),
                        List.of("claude-3-sonnet", "gpt-4-turbo")));
        table.put(
                TaskType.SUMMARIZATION,
                tiers(
                        List.of("gemini-pro", "gpt-3.5-turbo"),
                        List.of("claude-3-haiku", "gemini-pro"),
                        List.of("claude-3-sonnet", "gpt-4-turbo")));
        table.put(
                TaskType.CODE_GENERATION,
                tiers(
                        List.of("gpt-3.5-turbo"),
                        List.of("claude-3-haiku", "gemini-pro"),
                        List.of("gpt-4", "claude-3-sonnet")));
        table.put(
                TaskType.REASONING,
                tiers(
                        List.of("gpt-3.5-turbo", "claude-3-haiku"),
                        List.of("claude-3-sonnet", "gpt-4-turbo"),
                        List.of("gpt-4", "claude-3-opus")));
        table.put(
                TaskType.CHAT,
                tiers(
                        List.of("gpt-3.5-turbo", "gemini-pro", "claude-3-haiku"),
                        List.of("claude-3-haiku", "gemini-pro"),
                        List.of("claude-3-sonnet", "gpt-4-turbo")));
        return Collections.unmodifiableMap(table);
    }

    private static Map<QualityTier, List<String>> tiers(List<String> low, List<String> medium, List<String> high) {
        Map<QualityTier, List<String>> tiers = new EnumMap<>(QualityTier.class);
        tiers.put(QualityTier.LOW, low);
        tiers.put(QualityTier.MEDIUM, medium);
        tiers.put(QualityTier.HIGH, high);
        return Collections.unmodifiableMap(tiers);
    }

    private static List<String> checked(TaskType task, QualityTier tier, List<String> models) {
        String cell = task.wireName() + "/" + tier.wireName();
        requireNonNull(models, cell);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("smart candidates for " + cell + " must name at least one model");
        }
        var seen = new HashSet<String>();
        for (String model : models) {
            requireNonNull(model, cell);
            if (model.isBlank()) {
                throw new IllegalArgumentException("smart candidates for " + cell + " contain a blank model name");
            }
            if (!seen.add(model)) {
                throw new IllegalArgumentException("smart candidates for " + cell + " name '" + model + "' twice");
            }
        }
        return List.copyOf(models);
    }
}
