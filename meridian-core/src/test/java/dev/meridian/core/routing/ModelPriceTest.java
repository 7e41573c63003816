package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.core.model.Usage;
import org.junit.jupiter.api.Test;

class ModelPriceTest {

    private static final ModelPrice SONNET_WITH_CACHE = new ModelPrice(3.0, 15.0, 0.30);

    @Test
    void cost_isPricePerMillionTokens() {
        ModelPrice gpt4 = new ModelPrice(30.0, 60.0, 0);
        assertThat(gpt4.cost(1_000_000, 0, 1_000_000)).isCloseTo(90.0, within(1e-9));
        assertThat(gpt4.cost(1_000, 0, 500)).isCloseTo(0.06, within(1e-12));
    }

    @Test
    void cost_cachedTokensArePartOfInputAndBilledAtTheCachedRate() {
        assertThat(SONNET_WITH_CACHE.cost(1_000_000, 400_000, 100_000)).isCloseTo(1.80 + 0.12 + 1.50, within(1e-9));
    }

    @Test
    void cost_withoutCachedRate_cachedTokensCostTheInputRate() {
        ModelPrice noCacheRate = new ModelPrice(3.0, 15.0, 0);
        assertThat(noCacheRate.cost(1_000_000, 400_000, 0)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void costOfUsage_billsCacheReadsCacheWritesAndReasoningAtTheirOwnRates() {
        ModelPrice sonnet = new ModelPrice(3.00, 15.00, 0.30, 3.75, 15.00);
        // 10,000 input of which 6,000 read from and 2,000 written to the cache; 500 output.
        Usage usage = new Usage(10_000, 500, 6_000, 2_000, 0);
        assertThat(sonnet.cost(usage)).isCloseTo(0.0228, within(1e-12));

        ModelPrice qwenThinking = new ModelPrice(0.40, 1.20, 0.40, 0.40, 4.00);
        // 1,000 output tokens of which 800 are reasoning: 200 × 1.20 + 800 × 4.00, per million.
        assertThat(qwenThinking.cost(new Usage(0, 1_000, 0, 0, 800))).isCloseTo(0.00344, within(1e-12));
    }

    @Test
    void costOfUsage_inconsistentCountsFromAProvider_neverMakeAPartNegative() {
        ModelPrice price = new ModelPrice(1.0, 2.0, 0.5, 1.0, 2.0);
        assertThat(price.cost(new Usage(100, 10, 500, 0, 50)))
                .isCloseTo(500 * 0.5 / 1e6 + 50 * 2.0 / 1e6, within(1e-15));
    }

    @Test
    void threeArgumentPrice_billsCacheWritesAsInputAndReasoningAsOutput() {
        ModelPrice gpt = new ModelPrice(2.0, 8.0, 0.5);
        assertThat(gpt.cacheWritePerMillion()).isEqualTo(2.0);
        assertThat(gpt.reasoningPerMillion()).isEqualTo(8.0);
        assertThat(gpt.highest()).isEqualTo(8.0);
    }

    @Test
    void cost_ofNothing_isZero() {
        assertThat(SONNET_WITH_CACHE.cost(0, 0, 0)).isZero();
    }

    @Test
    void cost_cachedBeyondInput_isRefused() {
        assertThatThrownBy(() -> SONNET_WITH_CACHE.cost(10, 11, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot exceed");
    }

    @Test
    void cost_negativeCount_isRefused() {
        assertThatThrownBy(() -> SONNET_WITH_CACHE.cost(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SONNET_WITH_CACHE.cost(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_negativeOrNonFinitePrice_isRefusedNamingTheField() {
        assertThatThrownBy(() -> new ModelPrice(-1, 1, 0)).hasMessageContaining("inputPerMillion");
        assertThatThrownBy(() -> new ModelPrice(1, Double.NaN, 0)).hasMessageContaining("outputPerMillion");
        assertThatThrownBy(() -> new ModelPrice(1, 1, Double.POSITIVE_INFINITY))
                .hasMessageContaining("cachedInputPerMillion");
    }
}
