package dev.meridian.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void durationsAreWrittenAsOpenAiWritesThem() {
        assertThat(RateLimits.duration(0)).isEqualTo("0ms");
        assertThat(RateLimits.duration(20)).isEqualTo("20ms");
        assertThat(RateLimits.duration(1_000)).isEqualTo("1s");
        assertThat(RateLimits.duration(1_500)).isEqualTo("1.5s");
        assertThat(RateLimits.duration(59_951)).isEqualTo("59.951s");
        assertThat(RateLimits.duration(360_000)).isEqualTo("6m0s");
        assertThat(RateLimits.duration(3_723_000)).isEqualTo("1h2m3s");
    }

    @Test
    void theHeadersShowTheTighterOfTheKeysAndTheTenantsLimitPerUnit() {
        Verdict.RateState key = new Verdict.RateState(Meters.keyRequests("k1", 60), 59, 1_000);
        Verdict.RateState tenant = new Verdict.RateState(Meters.tenantRequests("t1", 600), 12, 48_000);
        Verdict.RateState tokens = new Verdict.RateState(Meters.keyTokens("k1", 10_000), 9_000, 6_000);

        Map<String, String> headers = new LinkedHashMap<>();
        RateLimits.of(List.of(key, tenant, tokens), null).headers(headers::put);

        assertThat(headers)
                .containsExactly(
                        Map.entry("x-ratelimit-limit-requests", "600"),
                        Map.entry("x-ratelimit-remaining-requests", "12"),
                        Map.entry("x-ratelimit-reset-requests", "48s"),
                        Map.entry("x-ratelimit-limit-tokens", "10000"),
                        Map.entry("x-ratelimit-remaining-tokens", "9000"),
                        Map.entry("x-ratelimit-reset-tokens", "6s"));
    }

    @Test
    void aLaterCallKeepsTheRequestStateOfTheFirstAndUpdatesTheTokens() {
        Verdict.RateState requests = new Verdict.RateState(Meters.keyRequests("k1", 60), 59, 1_000);
        RateLimits first = RateLimits.of(List.of(requests), null);
        Verdict.RateState tokens = new Verdict.RateState(Meters.keyTokens("k1", 100), 40, 36_000);

        RateLimits later = RateLimits.of(List.of(tokens), first);

        assertThat(later.requests()).isEqualTo(requests);
        assertThat(later.tokens()).isEqualTo(tokens);
    }

    @Test
    void noLimitMeansNoHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        RateLimits.of(List.of(), null).headers(headers::put);
        assertThat(headers).isEmpty();
    }
}
