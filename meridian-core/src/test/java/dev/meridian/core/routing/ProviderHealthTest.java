package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderHealthTest {

    /** Unhealthy after 3 failed checks in a row, healthy again after 2 passed in a row. */
    private final ProviderHealth health = new ProviderHealth("anthropic", 3, 2);

    @Test
    void newProvider_isHealthy() {
        assertThat(health.healthy()).isTrue();
        assertThat(health.provider()).isEqualTo("anthropic");
        assertThat(health.lastError()).isNull();
    }

    @Test
    void record_unhealthyAfterThresholdFailuresInARow() {
        assertThat(health.record("503", 1_000)).isFalse();
        assertThat(health.record("503", 2_000)).isFalse();
        assertThat(health.healthy()).isTrue();

        assertThat(health.record("connection refused", 3_000)).isTrue();

        assertThat(health.healthy()).isFalse();
        assertThat(health.lastError()).isEqualTo("connection refused");
        assertThat(health.lastCheckEpochMillis()).isEqualTo(3_000);
    }

    @Test
    void record_aPassInBetween_restartsTheFailureCount() {
        health.record("503", 1_000);
        health.record("503", 2_000);
        health.record(null, 3_000);
        health.record("503", 4_000);
        health.record("503", 5_000);

        assertThat(health.healthy()).isTrue();
        assertThat(health.lastError()).isEqualTo("503");
    }

    @Test
    void record_healthyAgainAfterThresholdSuccessesInARow() {
        makeUnhealthy();

        assertThat(health.record(null, 10_000)).isFalse();
        assertThat(health.healthy()).isFalse();

        assertThat(health.record(null, 11_000)).isTrue();

        assertThat(health.healthy()).isTrue();
        assertThat(health.lastError()).isNull();
    }

    @Test
    void record_aFailureInBetween_restartsTheSuccessCount() {
        makeUnhealthy();
        health.record(null, 10_000);
        health.record("timeout", 11_000);
        health.record(null, 12_000);

        assertThat(health.healthy()).isFalse();
    }

    @Test
    void record_returnsTrueOnlyOnAChange() {
        makeUnhealthy();

        assertThat(health.record("503", 20_000)).isFalse(); // already unhealthy
        health.record(null, 21_000);
        assertThat(health.record(null, 22_000)).isTrue();
        assertThat(health.record(null, 23_000)).isFalse(); // already healthy
    }

    @Test
    void requestSucceeded_clearsAnUnhealthyMarkAtOnce_andRestartsTheFailureCount() {
        makeUnhealthy();

        assertThat(health.requestSucceeded()).isTrue();
        assertThat(health.healthy()).isTrue();
        health.record("503", 4_000);
        health.record("503", 5_000);
        assertThat(health.healthy())
                .as("two failures after the success are below the threshold")
                .isTrue();
        health.record("503", 6_000);
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void requestSucceeded_whileHealthy_changesNothing() {
        health.record("503", 1_000);
        health.record("503", 2_000);

        assertThat(health.requestSucceeded()).isFalse();
        health.record("503", 3_000);
        assertThat(health.healthy())
                .as("a success while healthy leaves the check count alone")
                .isFalse();
    }

    @Test
    void recordCredentials_reportsOnlyChanges() {
        assertThat(health.recordCredentials(false)).isFalse();
        assertThat(health.recordCredentials(true)).isTrue();
        assertThat(health.credentialsRefused()).isTrue();
        assertThat(health.recordCredentials(true)).isFalse();
        assertThat(health.recordCredentials(false)).isTrue();
    }

    private void makeUnhealthy() {
        health.record("503", 1_000);
        health.record("503", 2_000);
        health.record("503", 3_000);
        assertThat(health.healthy()).isFalse();
    }
}
