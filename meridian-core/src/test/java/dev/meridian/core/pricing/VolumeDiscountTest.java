package dev.meridian.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.pricing.VolumeDiscount.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeDiscountTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "100000, 0",
        "999999, 0",
        "1000000, 0.05",
        "9999999, 0.05",
        "10000000, 0.10",
        "99999999, 0.10",
        "100000000, 0.15",
        "999999999, 0.15",
        "1000000000, 0.20",
        "9223372036854775807, 0.20"
    })
    void rate_defaultTiers_eachThresholdOpensItsTier(long monthToDate, double rate) {
        assertThat(VolumeDiscount.DEFAULT.rate(monthToDate)).isEqualTo(rate);
    }

    @Test
    void billed_takesTheRateOffTheListCost() {
        assertThat(VolumeDiscount.DEFAULT.billed(2.0, 10_000_000)).isEqualTo(1.8);
        assertThat(VolumeDiscount.DEFAULT.billed(2.0, 0)).isEqualTo(2.0);
        assertThat(VolumeDiscount.NONE.billed(2.0, Long.MAX_VALUE)).isEqualTo(2.0);
    }

    @Test
    void rate_belowTheFirstThreshold_isZero() {
        VolumeDiscount d = VolumeDiscount.of(List.of(Tier.percent(500, 30)));
        assertThat(d.rate(499)).isZero();
        assertThat(d.rate(500)).isEqualTo(0.3);
    }

    @Test
    void of_noTiers_isNone() {
        assertThat(VolumeDiscount.of(List.of())).isSameAs(VolumeDiscount.NONE);
        assertThat(VolumeDiscount.NONE.rate(Long.MAX_VALUE)).isZero();
    }

    @Test
    void percent_readsBackAsWritten() {
        assertThat(Tier.percent(0, 7).percent()).isEqualTo(7.0);
        assertThat(Tier.percent(0, 12.5).rate()).isEqualTo(0.125);
    }

    @Test
    void of_thresholdsNotAscending_isRefusedNamingTheTier() {
        assertThatThrownBy(() -> VolumeDiscount.of(List.of(Tier.percent(100, 5), Tier.percent(100, 10))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tier 1")
                .hasMessageContaining("ascend");
        assertThatThrownBy(() -> VolumeDiscount.of(List.of(Tier.percent(100, 5), Tier.percent(50, 10))))
                .hasMessageContaining("tier 1");
    }

    @Test
    void of_negativeThreshold_isRefused() {
        assertThatThrownBy(() -> VolumeDiscount.of(List.of(Tier.percent(-1, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tier 0")
                .hasMessageContaining("negative");
    }

    @ParameterizedTest
    @CsvSource({"-0.01", "1", "1.5", "NaN", "Infinity"})
    void of_rateOutsideZeroToOne_isRefused(double rate) {
        assertThatThrownBy(() -> VolumeDiscount.of(List.of(new Tier(0, rate))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below 100 %");
    }

    @Test
    void check_namesTheTierAndWhetherItsThresholdOrRateIsWrong() {
        assertThat(VolumeDiscount.check(List.of(Tier.percent(0, 5), Tier.percent(0, 10))))
                .isEqualTo(new VolumeDiscount.Problem(1, true, "thresholds must ascend (0 after 0)"));
        assertThat(VolumeDiscount.check(List.of(Tier.percent(0, 100))).threshold())
                .isFalse();
        assertThat(VolumeDiscount.check(VolumeDiscount.DEFAULT.tiers())).isNull();
    }
}
