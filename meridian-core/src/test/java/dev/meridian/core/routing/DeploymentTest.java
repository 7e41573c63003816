package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeploymentTest {

    /** A positive monotonic reading, as {@code System.nanoTime()} gives on Linux. */
    private static final long T0 = 1_000_000_000_000L;

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long MINUTE = 60 * SECOND;

    @Test
    void available_freshDeployment_isAvailable() {
        Deployment<String> d = TestDeployment.named("a").build();

        assertThat(d.available(T0)).isTrue();
        assertThat(d.available(-T0)).isTrue(); // System.nanoTime() may be negative too
        assertThat(d.available(0)).isTrue();
        assertThat(d.backOffRemaining(T0)).isZero();
    }

    @Test
    void available_falseWhileTheBreakerIsOpen_trueAgainForTheProbe() {
        Deployment<String> d = TestDeployment.named("a").build();

        d.breaker().onFailure(T0);

        assertThat(d.available(T0 + 29 * SECOND)).isFalse();
        assertThat(d.available(T0 + 30 * SECOND)).isTrue();
    }

    @Test
    void available_falseWhileTheProviderIsUnhealthy() {
        ProviderHealth health = new ProviderHealth("openai", 1, 1);
        Deployment<String> d = TestDeployment.named("a").health(health).build();

        health.record("connection refused", 0);
        assertThat(d.available(T0)).isFalse();

        health.record(null, 0);
        assertThat(d.available(T0)).isTrue();
    }

    @Test
    void available_falseWhileBackingOff() {
        Deployment<String> d = TestDeployment.named("a").build();

        d.backOff(T0, 2_000);

        assertThat(d.available(T0 + 1_999 * MS)).isFalse();
        assertThat(d.backOffRemaining(T0 + 500 * MS)).isEqualTo(1_500 * MS);
        assertThat(d.available(T0 + 2_000 * MS)).isTrue();
        assertThat(d.backOffRemaining(T0 + 2_000 * MS)).isZero();
    }

    @Test
    void backOff_keepsTheLaterDeadline() {
        Deployment<String> d = TestDeployment.named("a").build();

        d.backOff(T0, 5_000);
        d.backOff(T0 + SECOND, 1_000); // until T0 + 2 s: earlier, ignored

        assertThat(d.backOffRemaining(T0)).isEqualTo(5 * SECOND);

        d.backOff(T0 + SECOND, 8_000); // until T0 + 9 s: later, kept

        assertThat(d.backOffRemaining(T0)).isEqualTo(9 * SECOND);
    }

    @Test
    void available_falseAtMaxInFlight_trueWhenOneFinishes() {
        Deployment<String> d = TestDeployment.named("a").maxInFlight(2).build();

        d.started(T0);
        assertThat(d.available(T0)).isTrue();
        d.started(T0);
        assertThat(d.inFlight()).isEqualTo(2);
        assertThat(d.available(T0)).isFalse();

        d.finished(T0 + SECOND, 0);
        assertThat(d.available(T0 + SECOND)).isTrue();
    }

    @Test
    void available_falseAtRpmWithinTheMinute_trueAfterItSlides() {
        Deployment<String> d = TestDeployment.named("a").rpm(3).build();
        for (int i = 0; i < 3; i++) {
            d.started(T0);
            d.finished(T0 + SECOND, 0);
        }

        assertThat(d.inFlight()).isZero();
        assertThat(d.available(T0 + 30 * SECOND)).isFalse();
        assertThat(d.hasCapacity(T0 + 30 * SECOND)).isFalse();
        assertThat(d.available(T0 + MINUTE)).isTrue();
    }

    @Test
    void available_falseAtTpmWithinTheMinute_trueAfterItSlides() {
        Deployment<String> d = TestDeployment.named("a").tpm(1_000).build();
        d.started(T0);
        d.finished(T0, 600);
        assertThat(d.available(T0)).isTrue();

        d.started(T0);
        d.finished(T0, 400);

        assertThat(d.available(T0 + 30 * SECOND)).isFalse();
        assertThat(d.available(T0 + MINUTE)).isTrue();
    }

    @Test
    void utilization_isTheLargerOfRpmAndTpmUse() {
        Deployment<String> d = TestDeployment.named("a").rpm(10).tpm(1_000).build();
        for (int i = 0; i < 4; i++) {
            d.started(T0);
            d.finished(T0, 100);
        }

        assertThat(d.utilization(T0)).isCloseTo(0.4, within(1e-9)); // 4/10 requests, 400/1000 tokens
        d.started(T0);
        d.finished(T0, 300);
        assertThat(d.utilization(T0)).isCloseTo(0.7, within(1e-9)); // 5/10 requests, 700/1000 tokens
    }

    @Test
    void utilization_withoutLimits_isZero() {
        Deployment<String> d = TestDeployment.named("a").build();
        d.started(T0);
        d.finished(T0, 10_000);

        assertThat(d.utilization(T0)).isZero();
    }
}
