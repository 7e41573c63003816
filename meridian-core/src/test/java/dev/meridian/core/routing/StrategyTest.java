package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StrategyTest {

    private static final long T0 = 1_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final Strategy.Hints NO_HINTS = new Strategy.Hints(null, null, 0, 0);

    @ParameterizedTest
    @CsvSource({
        "weighted, WEIGHTED",
        "least-in-flight, LEAST_IN_FLIGHT",
        "LEAST_IN_FLIGHT, LEAST_IN_FLIGHT",
        "' Lowest-Latency ', LOWEST_LATENCY",
        "lowest_cost, LOWEST_COST",
        "capacity, CAPACITY",
        "region-affinity, REGION_AFFINITY"
    })
    void parse_acceptsWireNamesIgnoringCaseAndUnderscores(String text, Strategy expected) {
        assertThat(Strategy.parse(text)).contains(expected);
    }

    @Test
    void parse_unknownOrNull_isEmpty() {
        assertThat(Strategy.parse("round-robin")).isEmpty();
        assertThat(Strategy.parse(null)).isEmpty();
    }

    @Test
    void weighted_picksFirstInProportionToWeights() {
        Deployment<String> heavy = TestDeployment.named("heavy").weight(3).build();
        Deployment<String> light = TestDeployment.named("light").weight(1).build();
        int draws = 4_000;

        int heavyFirst = 0;
        for (int i = 0; i < draws; i++) {
            if (order(Strategy.WEIGHTED, NO_HINTS, heavy, light).get(0) == heavy) {
                heavyFirst++;
            }
        }

        // expected 3000; one standard deviation is about 27
        assertThat(heavyFirst).isBetween(2_850, 3_150);
    }

    @Test
    void weighted_weightZeroIsNeverFirstWhileOthersHaveWeight() {
        Deployment<String> off = TestDeployment.named("off").weight(0).build();
        Deployment<String> a = TestDeployment.named("a").weight(1).build();
        Deployment<String> b = TestDeployment.named("b").weight(5).build();

        for (int i = 0; i < 1_000; i++) {
            List<Deployment<String>> ordered = order(Strategy.WEIGHTED, NO_HINTS, off, a, b);
            assertThat(ordered.get(0)).isNotSameAs(off);
            assertThat(ordered.get(2)).isSameAs(off);
        }
    }

    @Test
    void weighted_allWeightsZero_stillKeepsEveryDeployment() {
        Deployment<String> a = TestDeployment.named("a").weight(0).build();
        Deployment<String> b = TestDeployment.named("b").weight(0).build();

        assertThat(order(Strategy.WEIGHTED, NO_HINTS, a, b)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void leastInFlight_putsTheLeastBusyFirst() {
        Deployment<String> busy = withInFlight("busy", 5);
        Deployment<String> idle = withInFlight("idle", 0);
        Deployment<String> some = withInFlight("some", 2);

        assertThat(order(Strategy.LEAST_IN_FLIGHT, NO_HINTS, busy, idle, some)).containsExactly(idle, some, busy);
    }

    @Test
    void lowestLatency_prefersLowerAverageAndTriesUnmeasuredFirst() {
        Deployment<String> slow = withLatency("slow", 800);
        Deployment<String> fast = withLatency("fast", 120);
        Deployment<String> unmeasured = TestDeployment.named("new").build();

        assertThat(order(Strategy.LOWEST_LATENCY, NO_HINTS, slow, fast, unmeasured))
                .containsExactly(unmeasured, fast, slow);
    }

    @Test
    void lowestCost_ordersByPriceForTheHintedTokens_unpricedLast() {
        Deployment<String> premium =
                TestDeployment.named("premium").price(15, 75).build();
        Deployment<String> unpriced = TestDeployment.named("unpriced").build();
        Deployment<String> budget =
                TestDeployment.named("budget").price(0.15, 0.60).build();
        Strategy.Hints tokens = new Strategy.Hints(null, null, 2_000, 500);

        assertThat(order(Strategy.LOWEST_COST, tokens, premium, unpriced, budget))
                .containsExactly(budget, premium, unpriced);
    }

    @Test
    void lowestCost_dependsOnTheMixOfInputAndOutputTokens() {
        Deployment<String> cheapInput =
                TestDeployment.named("cheap-input").price(1, 20).build();
        Deployment<String> flat = TestDeployment.named("flat").price(5, 5).build();

        Strategy.Hints longPrompt = new Strategy.Hints(null, null, 100_000, 100); // 0.102 vs 0.5005
        Strategy.Hints longAnswer = new Strategy.Hints(null, null, 100, 100_000); // 2.0001 vs 0.5005

        assertThat(order(Strategy.LOWEST_COST, longPrompt, flat, cheapInput)).containsExactly(cheapInput, flat);
        assertThat(order(Strategy.LOWEST_COST, longAnswer, cheapInput, flat)).containsExactly(flat, cheapInput);
    }

    @Test
    void capacity_ordersByUtilizationOfTheLastMinute() {
        Deployment<String> half = withUse("half", 10, 5); // 5 of 10 requests
        Deployment<String> tenth = withUse("tenth", 100, 10); // 10 of 100
        Deployment<String> nearlyFull = withUse("full", 10, 9); // 9 of 10

        assertThat(order(Strategy.CAPACITY, NO_HINTS, half, nearlyFull, tenth))
                .containsExactly(tenth, half, nearlyFull);
    }

    @Test
    void regionAffinity_ordersByRegionTableDistance() {
        Deployment<String> usEast =
                TestDeployment.named("us").region("us-east-1").build();
        Deployment<String> euCentral =
                TestDeployment.named("eu-c").region("eu-central-1").build();
        Deployment<String> euWest =
                TestDeployment.named("eu-w").region("eu-west-1").build();
        Strategy.Hints fromEurope = new Strategy.Hints("eu", RegionTable.seedDefaults(), 0, 0);

        assertThat(order(Strategy.REGION_AFFINITY, fromEurope, usEast, euCentral, euWest))
                .containsExactly(euWest, euCentral, usEast);
    }

    @Test
    void regionAffinity_sameDistance_fallsBackToLeastInFlight() {
        Deployment<String> busy =
                TestDeployment.named("busy").region("eu-west-1").build();
        busy.started(T0);
        Deployment<String> idle =
                TestDeployment.named("idle").region("eu-west-2").build();
        Strategy.Hints fromEuWest = new Strategy.Hints("eu-west", RegionTable.seedDefaults(), 0, 0);

        assertThat(order(Strategy.REGION_AFFINITY, fromEuWest, busy, idle)).containsExactly(idle, busy);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void order_oneCandidate_isLeftAlone(Strategy strategy) {
        Deployment<String> only = TestDeployment.named("only").build();

        assertThat(order(strategy, NO_HINTS, only)).containsExactly(only);
    }

    @SafeVarargs
    private static List<Deployment<String>> order(
            Strategy strategy, Strategy.Hints hints, Deployment<String>... deployments) {
        List<Deployment<String>> candidates = new ArrayList<>(List.of(deployments));
        strategy.order(candidates, hints, T0);
        return candidates;
    }

    private static Deployment<String> withInFlight(String id, int inFlight) {
        Deployment<String> d = TestDeployment.named(id).build();
        for (int i = 0; i < inFlight; i++) {
            d.started(T0);
        }
        return d;
    }

    private static Deployment<String> withLatency(String id, long millis) {
        Deployment<String> d = TestDeployment.named(id).build();
        d.timeToFirstToken().record(millis * MS);
        return d;
    }

    private static Deployment<String> withUse(String id, long rpm, int requests) {
        Deployment<String> d = TestDeployment.named(id).rpm(rpm).build();
        for (int i = 0; i < requests; i++) {
            d.started(T0);
            d.finished(T0, 0);
        }
        return d;
    }
}
