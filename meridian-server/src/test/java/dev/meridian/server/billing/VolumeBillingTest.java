package dev.meridian.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.pricing.VolumeDiscount;
import dev.meridian.server.auth.CallerLimits;
import dev.meridian.server.auth.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VolumeBillingTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-07-31T23:59:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final MonthToDateTokens tokens = new MonthToDateTokens(clock);
    private final VolumeBilling billing = new VolumeBilling(VolumeDiscount.DEFAULT, tokens);

    private static Principal tenant(String id, VolumeDiscount own) {
        return new Principal("k", id, "key_1", null, null, Set.of(), false, null, CallerLimits.NONE, own, null);
    }

    @Test
    void rate_followsTheTenantsMonthToDateTokens_loggedPlusServed() {
        tokens.seed(YearMonth.of(2026, 7), Map.of("ten_a", 9_999_990L));
        assertThat(billing.rate(tenant("ten_a", null))).isEqualTo(0.05);

        tokens.add("ten_a", 10);

        assertThat(billing.rate(tenant("ten_a", null))).isEqualTo(0.10);
        assertThat(billing.rate(tenant("ten_b", null))).isZero();
    }

    @Test
    void rate_aTenantsOwnTiersWinOverTheDefault() {
        VolumeDiscount own = VolumeDiscount.of(List.of(VolumeDiscount.Tier.percent(0, 30)));
        assertThat(billing.rate(tenant("ten_a", own))).isEqualTo(0.3);
        assertThat(billing.rate(tenant("ten_a", VolumeDiscount.NONE))).isZero();
    }

    @Test
    void rate_configuredKeysWithoutATenant_getNoDiscount() {
        tokens.add("ten_a", 1_000_000_000);
        assertThat(billing.rate(new Principal("ops"))).isZero();
        assertThat(billing.rate(null)).isZero();
    }

    @Test
    void tokens_startAgainAtZero_whenTheMonthTurnsInUtc() {
        tokens.seed(YearMonth.of(2026, 7), Map.of("ten_a", 5_000_000L));
        tokens.add("ten_a", 1);
        assertThat(tokens.tokens("ten_a")).isEqualTo(5_000_001);

        now.set(Instant.parse("2026-08-01T00:00:00Z"));

        assertThat(tokens.tokens("ten_a")).isZero();
        tokens.seed(YearMonth.of(2026, 7), Map.of("ten_a", 5_000_000L));
        assertThat(tokens.tokens("ten_a"))
                .as("a late seed of the old month is ignored")
                .isZero();
    }
}
