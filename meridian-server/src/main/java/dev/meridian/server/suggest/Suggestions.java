package dev.meridian.server.suggest;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.RepeatRow;
import dev.meridian.store.model.TrafficRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a tenant's suggestions from its answered traffic and repeats over a window and the groups' current
 * prices; the method is documented in docs/admin-api.md ("Cost suggestions"). A saving in the window is scaled to a
 * 30-day month by the window's length; a suggestion that saves nothing is left out; the rest come dearest first.
 */
public final class Suggestions {

    /** A request is a small task when its input tokens are at most this... */
    public static final long SMALL_INPUT_TOKENS = 1_000;
    /** ...and its output tokens at most this. */
    public static final long SMALL_OUTPUT_TOKENS = 300;
    /** A cheaper tier serves small tasks for at most this share of what they cost. */
    public static final double TIER_COST_RATIO = 0.5;

    public static final Duration MONTH = Duration.ofDays(30);

    // Savings below a micro-dollar a month are rounding, not suggestions.
    private static final double MIN_SAVING_USD = 0.000_001;

    private final GroupPrices prices;
    private final double monthScale;

    /** @param window the length of the window the traffic and repeats cover */
    public Suggestions(GroupPrices prices, Duration window) {
        this.prices = requireNonNull(prices, "prices");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + window);
        }
        this.monthScale = (double) MONTH.toMillis() / window.toMillis();
    }

    public List<Suggestion> compute(List<TrafficRow> traffic, List<RepeatRow> repeats) {
        Map<String, List<TrafficRow>> byModel = new LinkedHashMap<>();
        traffic.forEach(
                r -> byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r));
        List<Suggestion> out = new ArrayList<>();
        byModel.forEach((model, rows) -> {
            cheaperTier(model, rows).ifPresent(out::add);
            cheaperRoute(model, rows).ifPresent(out::add);
        });
        for (RepeatRow r : repeats) {
            long requests = byModel.getOrDefault(r.model(), List.of()).stream()
                    .mapToLong(TrafficRow::requests)
                    .sum();
            double saving = month(r.costUsd());
            if (saving >= MIN_SAVING_USD) {
                out.add(new Suggestion.CachePotential(
                        r.model(), requests, r.repeatedRequests(), r.repeatedPrompts(), r.costUsd(), saving));
            }
        }
        out.sort(Comparator.comparingDouble(Suggestion::monthlySavingUsd).reversed());
        return out;
    }

    private Optional<Suggestion> cheaperTier(String model, List<TrafficRow> rows) {
        GroupPrices.Group group = prices.group(model).orElse(null);
        if (group == null || group.smart() || group.family() == null) {
            return Optional.empty();
        }
        Tokens small = Tokens.NONE;
        long requests = 0;
        for (TrafficRow r : rows) {
            requests += r.requests();
            if (r.small()) {
                small = small.plus(Tokens.of(r));
            }
        }
        if (small.requests() == 0 || small.loggedCostUsd() <= 0) {
            return Optional.empty();
        }
        // Qualifying groups: same maker, not smart, charging for output, and serving the small tasks for at most the
        // ratio of what they cost.
        List<Candidate> qualifying = new ArrayList<>();
        for (GroupPrices.Group other : prices.groups()) {
            if (other.name().equals(model) || other.smart() || !group.family().equals(other.family())) {
                continue;
            }
            Optional<GroupPrices.Priced> cheapest = other.cheapest(small);
            // A group priced for input only is an embedding model: it serves no chat task.
            if (cheapest.isPresent() && cheapest.get().price().outputPerMillion() > 0) {
                double cost = small.costAt(cheapest.get().price());
                if (cost <= TIER_COST_RATIO * small.loggedCostUsd()) {
                    qualifying.add(new Candidate(other.name(), cost));
                }
            }
        }
        if (qualifying.isEmpty() || month(small.loggedCostUsd()) < MIN_SAVING_USD) {
            return Optional.empty();
        }
        qualifying.sort(Comparator.comparingDouble(Candidate::cost).thenComparing(Candidate::name));
        Candidate chosen = qualifying.stream()
                .filter(c -> c.name().equals(group.degradeTo()))
                .findFirst()
                .orElse(qualifying.get(qualifying.size() - 1));
        return Optional.of(new Suggestion.CheaperTier(
                model,
                chosen.name(),
                qualifying.stream().map(Candidate::name).toList(),
                requests,
                small.requests(),
                small.loggedCostUsd(),
                chosen.cost(),
                month(small.loggedCostUsd() - chosen.cost())));
    }

    private Optional<Suggestion> cheaperRoute(String model, List<TrafficRow> rows) {
        GroupPrices.Group group = prices.group(model).orElse(null);
        if (group == null || group.smart() || group.pricedDeployments() < 2) {
            return Optional.empty();
        }
        Tokens all = Tokens.NONE;
        for (TrafficRow r : rows) {
            all = all.plus(Tokens.of(r));
        }
        GroupPrices.Priced cheapest = group.cheapest(all).orElse(null);
        if (cheapest == null) {
            return Optional.empty();
        }
        Tokens elsewhere = Tokens.NONE;
        for (TrafficRow r : rows) {
            if (!r.deployment().equals(cheapest.id())) {
                elsewhere = elsewhere.plus(Tokens.of(r));
            }
        }
        double onCheapest = elsewhere.costAt(cheapest.price());
        double saving = month(elsewhere.loggedCostUsd() - onCheapest);
        if (saving < MIN_SAVING_USD) {
            return Optional.empty();
        }
        return Optional.of(new Suggestion.CheaperRoute(
                model,
                cheapest.id(),
                all.requests(),
                elsewhere.requests(),
                elsewhere.loggedCostUsd(),
                onCheapest,
                saving));
    }

    private double month(double windowUsd) {
        return windowUsd * monthScale;
    }

    private record Candidate(String name, double cost) {}
}
