package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
