package dev.meridian.server.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.core.routing.ModelPrice;
import dev.meridian.server.suggest.GroupPrices.Group;
import dev.meridian.server.suggest.GroupPrices.Priced;
import dev.meridian.store.model.RepeatRow;
import dev.meridian.store.model.TrafficRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final double WEEK_TO_MONTH = 30 / 7.0;

    private static Group group(String name, String family, double in, double out) {
        return new Group(
                name, List.of(new Priced(name + "-dep", family, new ModelPrice(in, out, 0), true)), false, null);
    }

    private static TrafficRow row(String model, String deployment, boolean small, long in, long out, double cost) {
        return new TrafficRow(model, deployment, small, 10, in, out, 0, 0, cost);
    }

    @Test
    void cheaperTier_isTheDearestGroupOfTheSameMakerAtHalfTheCostOrLess() {
        GroupPrices prices = new GroupPrices(List.of(
                group("big", "openai", 10, 40),
                group("mid", "openai", 4, 16), // 40 %: qualifies, the nearest tier down
                group("near", "openai", 6, 24), // 60 %: not a tier down
                group("nano", "openai", 1, 4),
                group("embed", "openai", 0.02, 0), // input only: an embedding model
                group("other", "anthropic", 0.1, 0.4)));
        // 1M input + 0.25M output at 10/40 = $20 logged for the small tasks; at mid: 4 + 4 = $8.
        List<Suggestion> found = new Suggestions(prices, WEEK)
                .compute(
                        List.of(
                                row("big", "big-dep", true, 1_000_000, 250_000, 20.0),
                                row("big", "big-dep", false, 9_000_000, 100_000, 94.0)),
                        List.of());

        assertThat(found).singleElement().isInstanceOfSatisfying(Suggestion.CheaperTier.class, t -> {
            assertThat(t.suggestedModel()).isEqualTo("mid");
            assertThat(t.alternatives()).containsExactly("nano", "mid");
            assertThat(t.requests()).isEqualTo(20);
            assertThat(t.smallRequests()).isEqualTo(10);
            assertThat(t.suggestedCostUsd()).isCloseTo(8.0, within(1e-9));
            assertThat(t.monthlySavingUsd()).isCloseTo(12.0 * WEEK_TO_MONTH, within(1e-9));
        });
    }

    @Test
    void cheaperTier_prefersTheConfiguredDegradeTo_whenItQualifies() {
        Group big = new Group("big", group("big", "openai", 10, 40).deployments(), false, "nano");
        GroupPrices prices =
                new GroupPrices(List.of(big, group("mid", "openai", 4, 16), group("nano", "openai", 1, 4)));

        List<Suggestion> found = new Suggestions(prices, WEEK)
                .compute(List.of(row("big", "big-dep", true, 1_000_000, 250_000, 20.0)), List.of());

        assertThat(found)
                .singleElement()
                .isInstanceOfSatisfying(
                        Suggestion.CheaperTier.class,
                        t -> assertThat(t.suggestedModel()).isEqualTo("nano"));
    }

    @Test
    void cheaperRoute_pricesTheTrafficElsewhereAtTheCheapestAvailableDeployment() {
        Group routed = new Group(
                "routed",
                List.of(
                        new Priced("dear", "x", new ModelPrice(5, 20, 0), true),
                        new Priced("cheap", "x", new ModelPrice(2, 8, 0), true),
                        new Priced("cheapest-but-down", "x", new ModelPrice(1, 1, 0), false)),
                false,
                null);
        // On dear: 1M in + 0.5M out = 5 + 10 = $15 logged; on cheap 2 + 4 = $6. The cheap one's own traffic saves 0.
        List<Suggestion> found = new Suggestions(new GroupPrices(List.of(routed)), Suggestions.MONTH)
                .compute(
                        List.of(
                                row("routed", "dear", false, 1_000_000, 500_000, 15.0),
                                row("routed", "cheap", false, 1_000_000, 500_000, 6.0)),
                        List.of());

        assertThat(found).singleElement().isInstanceOfSatisfying(Suggestion.CheaperRoute.class, r -> {
            assertThat(r.suggestedDeployment()).isEqualTo("cheap");
            assertThat(r.requests()).isEqualTo(20);
            assertThat(r.requestsElsewhere()).isEqualTo(10);
            assertThat(r.monthlySavingUsd()).isCloseTo(9.0, within(1e-9));
        });
    }

    @Test
    void cachePotential_isTheRepeatsCostScaledToAMonth_andSuggestionsComeDearestFirst() {
        GroupPrices prices = new GroupPrices(List.of(group("solo", "openai", 1, 4)));

        List<Suggestion> found = new Suggestions(prices, WEEK)
                .compute(
                        List.of(row("solo", "solo-dep", false, 100, 100, 1.0)),
                        List.of(new RepeatRow("solo", 4, 2, 0.7), new RepeatRow("gone", 1, 1, 7.0)));

        assertThat(found).extracting(Suggestion::model).containsExactly("gone", "solo");
        assertThat(found.get(1)).isInstanceOfSatisfying(Suggestion.CachePotential.class, c -> {
            assertThat(c.requests()).isEqualTo(10);
            assertThat(c.monthlySavingUsd()).isCloseTo(0.7 * WEEK_TO_MONTH, within(1e-9));
        });
    }

    @Test
    void nothingIsSuggested_forUnpricedTrafficSmartGroupsOrAGroupAlreadyOnItsCheapestDeployment() {
        Group smart = new Group("auto", group("auto", "openai", 10, 40).deployments(), true, null);
        GroupPrices prices =
                new GroupPrices(List.of(smart, group("big", "openai", 10, 40), group("nano", "openai", 1, 4)));

        List<Suggestion> found = new Suggestions(prices, WEEK)
                .compute(
                        List.of(
                                row("auto", "auto-dep", true, 1_000, 100, 5.0),
                                row("big", "big-dep", true, 1_000, 100, 0.0)),
                        List.of(new RepeatRow("big", 1, 1, 0.0)));

        assertThat(found).isEmpty();
    }
}
