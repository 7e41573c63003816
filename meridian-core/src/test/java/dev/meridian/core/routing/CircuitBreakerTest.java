package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.routing.CircuitBreaker.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    /** A positive monotonic reading, as {@code System.nanoTime()} gives on Linux. */
    private static final long T0 = 1_000_000_000_000L;

    private static final long SECOND = 1_000_000_000L;
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    /** Opens only on 3 failures in a row (the error rate would need 1000 outcomes). */
    private final CircuitBreaker byStreak =
            new CircuitBreaker(new BreakerPolicy(3, 0.5, 1000, Duration.ofSeconds(10), COOLDOWN));

    /** Opens only on a 50% failure rate over 10 s with at least 10 outcomes (a streak would need 100). */
    private final CircuitBreaker byRate =
            new CircuitBreaker(new BreakerPolicy(100, 0.5, 10, Duration.ofSeconds(10), COOLDOWN));

    @Test
    void newBreaker_isClosedAndAdmitsEveryRequest() {
        assertThat(byStreak.state(T0)).isEqualTo(State.CLOSED);
        assertThat(byStreak.allowsTraffic(T0)).isTrue();
        assertThat(byStreak.tryAcquire(T0)).isTrue();
        assertThat(byStreak.tryAcquire(T0)).isTrue();
    }

    @Test
    void onFailure_opensAfterConsecutiveFailuresThreshold() {
        byStreak.onFailure(T0);
        byStreak.onFailure(T0 + 1);
        assertThat(byStreak.state(T0 + 1)).isEqualTo(State.CLOSED);

        byStreak.onFailure(T0 + 2);

        assertThat(byStreak.state(T0 + 2)).isEqualTo(State.OPEN);
    }

    @Test
    void onSuccess_resetsTheConsecutiveFailureCount() {
        byStreak.onFailure(T0);
        byStreak.onFailure(T0 + 1);
        byStreak.onSuccess(T0 + 2);
        byStreak.onFailure(T0 + 3);
        byStreak.onFailure(T0 + 4);

        assertThat(byStreak.state(T0 + 4)).isEqualTo(State.CLOSED);

        byStreak.onFailure(T0 + 5);
        assertThat(byStreak.state(T0 + 5)).isEqualTo(State.OPEN);
    }

    @Test
    void onFailure_opensOnErrorRateOnceMinRequestsReached() {
        // S F S F S F S F S: 4 of 9 failed, below minRequests
        for (int i = 0; i < 9; i++) {
            if (i % 2 == 0) {
                byRate.onSuccess(T0 + i);
            } else {
                byRate.onFailure(T0 + i);
            }
        }
        assertThat(byRate.state(T0 + 9)).isEqualTo(State.CLOSED);

        byRate.onFailure(T0 + 9); // 5 of 10 failed: 50%

        assertThat(byRate.state(T0 + 9)).isEqualTo(State.OPEN);
    }

    @Test
    void onFailure_belowMinRequests_neverOpensOnRateEvenAtHundredPercent() {
        for (int i = 0; i < 9; i++) {
            byRate.onFailure(T0 + i);
        }

        assertThat(byRate.state(T0 + 9)).isEqualTo(State.CLOSED);
    }

    @Test
    void onFailure_rateBelowThreshold_staysClosed() {
        for (int i = 0; i < 6; i++) {
            byRate.onSuccess(T0 + i);
        }
        for (int i = 0; i < 4; i++) {
            byRate.onFailure(T0 + 10 + i);
        }

        assertThat(byRate.state(T0 + 20)).isEqualTo(State.CLOSED); // 4 of 10: 40%
    }

    @Test
    void onFailure_outcomesOlderThanTheWindowNoLongerCount() {
        CircuitBreaker breaker = new CircuitBreaker(new BreakerPolicy(100, 0.5, 4, Duration.ofSeconds(10), COOLDOWN));
        breaker.onFailure(T0);
        breaker.onFailure(T0);
        breaker.onFailure(T0);

        breaker.onFailure(T0 + 10 * SECOND); // the three earlier failures have slid out: 1 outcome

        assertThat(breaker.state(T0 + 10 * SECOND)).isEqualTo(State.CLOSED);
    }

    @Test
    void onFailure_outcomesInsideTheWindowStillCount() {
        CircuitBreaker breaker = new CircuitBreaker(new BreakerPolicy(100, 0.5, 4, Duration.ofSeconds(10), COOLDOWN));
        breaker.onFailure(T0);
        breaker.onFailure(T0);
        breaker.onFailure(T0);

        breaker.onFailure(T0 + 8 * SECOND);

        assertThat(breaker.state(T0 + 8 * SECOND)).isEqualTo(State.OPEN);
    }

    @Test
    void open_refusesTrafficForTheWholeCooldown() {
        openByStreak(T0);
        long justBeforeCooldownEnds = T0 + COOLDOWN.toNanos() - 1;

        assertThat(byStreak.state(justBeforeCooldownEnds)).isEqualTo(State.OPEN);
        assertThat(byStreak.allowsTraffic(justBeforeCooldownEnds)).isFalse();
        assertThat(byStreak.tryAcquire(T0 + SECOND)).isFalse();
        assertThat(byStreak.tryAcquire(justBeforeCooldownEnds)).isFalse();
    }

    @Test
    void afterCooldown_admitsExactlyOneHalfOpenProbe() {
        openByStreak(T0);
        long cooled = T0 + COOLDOWN.toNanos();

        assertThat(byStreak.state(cooled)).isEqualTo(State.HALF_OPEN);
        assertThat(byStreak.allowsTraffic(cooled)).isTrue();
        assertThat(byStreak.tryAcquire(cooled)).isTrue();
        assertThat(byStreak.tryAcquire(cooled)).isFalse();
        assertThat(byStreak.tryAcquire(cooled + 5 * SECOND)).isFalse();
        assertThat(byStreak.allowsTraffic(cooled)).isFalse();
    }

    @Test
    void probeSuccess_closesTheCircuit() {
        openByStreak(T0);
        long probeAt = T0 + COOLDOWN.toNanos();
        byStreak.tryAcquire(probeAt);

        byStreak.onSuccess(probeAt + SECOND);

        assertThat(byStreak.state(probeAt + SECOND)).isEqualTo(State.CLOSED);
        assertThat(byStreak.tryAcquire(probeAt + SECOND)).isTrue();
        assertThat(byStreak.tryAcquire(probeAt + SECOND)).isTrue();
    }

    @Test
    void probeSuccess_forgetsTheFailuresThatOpenedTheCircuit() {
        // a window longer than the cooldown, so the failures would still be in it
        CircuitBreaker breaker = new CircuitBreaker(new BreakerPolicy(100, 0.5, 10, Duration.ofSeconds(60), COOLDOWN));
        for (int i = 0; i < 10; i++) {
            breaker.onFailure(T0);
        }
        long probeAt = T0 + COOLDOWN.toNanos();
        breaker.tryAcquire(probeAt);
        breaker.onSuccess(probeAt);

        breaker.onFailure(probeAt + 1);

        assertThat(breaker.state(probeAt + 1)).isEqualTo(State.CLOSED);
    }

    @Test
    void probeFailure_reopensForAnotherFullCooldown() {
        openByStreak(T0);
        long probeAt = T0 + COOLDOWN.toNanos();
        byStreak.tryAcquire(probeAt);
        long failedAt = probeAt + SECOND;

        byStreak.onFailure(failedAt);

        assertThat(byStreak.state(failedAt)).isEqualTo(State.OPEN);
        assertThat(byStreak.tryAcquire(failedAt + COOLDOWN.toNanos() - 1)).isFalse();
        assertThat(byStreak.state(failedAt + COOLDOWN.toNanos())).isEqualTo(State.HALF_OPEN);
        assertThat(byStreak.tryAcquire(failedAt + COOLDOWN.toNanos())).isTrue();
    }

    @Test
    void onNeutral_freesTheProbeSlot() {
        openByStreak(T0);
        long probeAt = T0 + COOLDOWN.toNanos();
        assertThat(byStreak.tryAcquire(probeAt)).isTrue();

        byStreak.onNeutral();

        assertThat(byStreak.state(probeAt)).isEqualTo(State.HALF_OPEN);
        assertThat(byStreak.allowsTraffic(probeAt)).isTrue();
        assertThat(byStreak.tryAcquire(probeAt)).isTrue();
        assertThat(byStreak.tryAcquire(probeAt)).isFalse();
    }

    @Test
    void onNeutral_inAClosedCircuit_changesNothing() {
        byStreak.onFailure(T0);
        byStreak.onFailure(T0);

        byStreak.onNeutral();
        byStreak.onFailure(T0);

        assertThat(byStreak.state(T0)).isEqualTo(State.OPEN);
    }

    @Test
    void onSuccess_lateAnswerWhileOpen_doesNotCloseTheCircuit() {
        openByStreak(T0);

        byStreak.onSuccess(T0 + SECOND);

        assertThat(byStreak.state(T0 + SECOND)).isEqualTo(State.OPEN);
    }

    @Test
    void state_worksAcrossTheSignOfTheClock() {
        long negative = -5 * SECOND; // System.nanoTime() may be negative
        openByStreak(negative);

        assertThat(byStreak.state(negative + COOLDOWN.toNanos() - 1)).isEqualTo(State.OPEN);
        assertThat(byStreak.state(negative + COOLDOWN.toNanos())).isEqualTo(State.HALF_OPEN);
    }

    private void openByStreak(long now) {
        byStreak.onFailure(now);
        byStreak.onFailure(now);
        byStreak.onFailure(now);
        assertThat(byStreak.state(now)).isEqualTo(State.OPEN);
    }

    @Test
    void aLateSuccess_fromARequestSentBeforeTheCircuitOpened_doesNotCloseTheHalfOpenCircuit() {
        CircuitBreaker.Permit early = byStreak.acquire(T0);
        byStreak.onFailure(T0, byStreak.acquire(T0));
        byStreak.onFailure(T0, byStreak.acquire(T0));
        byStreak.onFailure(T0, byStreak.acquire(T0));
        long cooled = T0 + COOLDOWN.toNanos();
        CircuitBreaker.Permit probe = byStreak.acquire(cooled);

        byStreak.onSuccess(cooled, early);

        assertThat(early).isEqualTo(CircuitBreaker.Permit.NORMAL);
        assertThat(probe).isEqualTo(CircuitBreaker.Permit.PROBE);
        assertThat(byStreak.state(cooled)).as("only the probe decides").isEqualTo(State.HALF_OPEN);
        byStreak.onSuccess(cooled, probe);
        assertThat(byStreak.state(cooled)).isEqualTo(State.CLOSED);
    }

    @Test
    void aNeutralOutcome_ofAnOrdinaryRequest_doesNotFreeTheProbeSlot() {
        CircuitBreaker.Permit early = byStreak.acquire(T0);
        for (int i = 0; i < 3; i++) {
            byStreak.onFailure(T0, byStreak.acquire(T0));
        }
        long cooled = T0 + COOLDOWN.toNanos();
        CircuitBreaker.Permit probe = byStreak.acquire(cooled);

        byStreak.onNeutral(early);

        assertThat(byStreak.acquire(cooled)).as("still one probe at a time").isEqualTo(CircuitBreaker.Permit.DENIED);
        byStreak.onNeutral(probe);
        assertThat(byStreak.acquire(cooled)).isEqualTo(CircuitBreaker.Permit.PROBE);
    }

    @Test
    void aLateFailure_whileTheProbeIsOut_doesNotReopenTheCircuit() {
        CircuitBreaker.Permit early = byStreak.acquire(T0);
        for (int i = 0; i < 3; i++) {
            byStreak.onFailure(T0, byStreak.acquire(T0));
        }
        long cooled = T0 + COOLDOWN.toNanos();
        CircuitBreaker.Permit probe = byStreak.acquire(cooled);

        byStreak.onFailure(cooled, early);
        byStreak.onSuccess(cooled, probe);

        assertThat(byStreak.state(cooled)).isEqualTo(State.CLOSED);
    }
}
