package dev.meridian.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.KeyStatus;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanLimitsTest {

    private static final Plan PLAN = Plan.draft("team", 1_000, 2.5, 60, null, List.of("gpt-*"));

    @Test
    void resolve_tenantWithoutOverrides_getsThePlan_andAKeyWithoutLimitsIsUnlimited() {
        CallerLimits limits =
                PlanLimits.resolve(PLAN, tenant(QuotaOverride.NONE, RateLimits.NONE), key(RateLimits.NONE));

        assertThat(limits.monthlyTokens()).isEqualTo(1_000);
        assertThat(limits.monthlyCostNanos()).isEqualTo(2_500_000_000L);
        assertThat(limits.tenantRpm()).isEqualTo(60);
        assertThat(limits.tenantTpm()).isEqualTo(CallerLimits.UNLIMITED);
        assertThat(limits.keyRpm()).isEqualTo(CallerLimits.UNLIMITED);
        assertThat(limits.keyTpm()).isEqualTo(CallerLimits.UNLIMITED);
        assertThat(limits.planModels()).containsExactly("gpt-*");
        assertThat(limits.planAllows("gpt-4o")).isTrue();
        assertThat(limits.planAllows("claude-sonnet-4-5")).isFalse();
    }

    @Test
    void resolve_tenantOverridesWinTermByTerm_andTheKeyAddsItsOwnRates() {
        CallerLimits limits = PlanLimits.resolve(
                PLAN,
                tenant(new QuotaOverride(null, 0.000000001, List.of("*")), new RateLimits(null, 5_000L)),
                key(new RateLimits(6L, 700L)));

        assertThat(limits.monthlyTokens()).as("not overridden").isEqualTo(1_000);
        assertThat(limits.monthlyCostNanos()).isEqualTo(1);
        assertThat(limits.tenantRpm()).as("not overridden").isEqualTo(60);
        assertThat(limits.tenantTpm()).isEqualTo(5_000);
        assertThat(limits.keyRpm()).isEqualTo(6);
        assertThat(limits.keyTpm()).isEqualTo(700);
        assertThat(limits.planAllows("anything")).isTrue();
    }

    @Test
    void resolve_aCostTooLargeForNanoDollars_isNoLimit() {
        CallerLimits limits = PlanLimits.resolve(
                PLAN, tenant(new QuotaOverride(null, 1e12, null), RateLimits.NONE), key(RateLimits.NONE));
        assertThat(limits.monthlyCostNanos()).isEqualTo(CallerLimits.UNLIMITED);
    }

    private static Tenant tenant(QuotaOverride quota, RateLimits rates) {
        return new Tenant(
                "ten_1",
                "t",
                TenantStatus.ACTIVE,
                "team",
                quota,
                rates,
                null,
                false,
                null,
                Instant.EPOCH,
                Instant.EPOCH,
                null);
    }

    private static ApiKey key(RateLimits rates) {
        return new ApiKey(
                "key_1",
                "ten_1",
                null,
                null,
                "k",
                "sk-mer-abcd",
                "hash",
                null,
                null,
                null,
                List.of(),
                rates,
                Map.of(),
                KeyKind.CALLER,
                KeyStatus.ACTIVE,
                Instant.EPOCH,
                null);
    }
}
