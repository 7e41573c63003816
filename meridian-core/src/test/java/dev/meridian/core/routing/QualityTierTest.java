package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class QualityTierTest {

    @Test
    void wireName_isLowerCase() {
        assertThat(QualityTier.values()).extracting(QualityTier::wireName).containsExactly("low", "medium", "high");
    }

    @ParameterizedTest
    @CsvSource({
        "low, LOW",
        "MEDIUM, MEDIUM",
        "' high ', HIGH",
        "low_budget, LOW",
        "Medium_Budget, MEDIUM",
        "high_budget, HIGH"
    })
    void parse_wireNamesAndSeedBudgetNamesIgnoringCase(String text, QualityTier expected) {
        assertThat(QualityTier.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "best", "budget", "high-budget", "_budget"})
    void parse_anythingElse_isEmpty(String text) {
        assertThat(QualityTier.parse(text)).isEmpty();
    }
}
