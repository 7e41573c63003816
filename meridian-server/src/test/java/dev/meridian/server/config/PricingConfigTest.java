package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.pricing.VolumeDiscount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code pricing.volumeDiscounts}: the documented default when absent, the file's tiers when given, checked. */
class PricingConfigTest {

    private static MeridianConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.<String, String>of()::get);
    }

    @Test
    void absent_isTheDocumentedDefault() {
        assertThat(parse("server: {port: 0}\n").pricing().discount()).isEqualTo(VolumeDiscount.DEFAULT);
    }

    @Test
    void givenTiers_replaceTheDefault_andAnEmptyListTurnsDiscountsOff() {
        MeridianConfig own = parse("""
                pricing:
                  volumeDiscounts:
                    - {fromTokens: 0, percent: 0}
                    - {fromTokens: 5000, percent: 12.5}
                """);
        assertThat(own.pricing().discount().rate(5_000)).isEqualTo(0.125);
        assertThat(own.pricing().discount().rate(4_999)).isZero();
        assertThat(parse("pricing: {volumeDiscounts: []}\n").pricing().discount())
                .isSameAs(VolumeDiscount.NONE);
    }

    @Test
    void thresholdsOutOfOrder_isAProblemNamingTheTiersKey() {
        assertThat(ConfigProblemsTest.problems("""
                        pricing:
                          volumeDiscounts:
                            - {fromTokens: 1000, percent: 5}
                            - {fromTokens: 10, percent: 10}
                        """))
                .containsExactly("pricing.volumeDiscounts[1].fromTokens: thresholds must ascend (10 after 1000)");
    }

    @Test
    void aHundredPercent_orAMissingValue_isAProblemNamingTheKey() {
        assertThat(ConfigProblemsTest.problems("pricing: {volumeDiscounts: [{fromTokens: 0, percent: 100}]}\n"))
                .containsExactly(
                        "pricing.volumeDiscounts[0].percent: the discount must be at least 0 % and below 100 %");
        assertThat(ConfigProblemsTest.problems("pricing: {volumeDiscounts: [{percent: 5}]}\n"))
                .contains("pricing.volumeDiscounts[0].fromTokens: required");
    }

    @Test
    void anUnknownKey_isRefusedWithASuggestion() {
        assertThat(ConfigProblemsTest.problems("pricing: {volumeDiscount: []}\n"))
                .singleElement()
                .asString()
                .startsWith("pricing.volumeDiscount: unknown key (did you mean volumeDiscounts?)");
    }
}
