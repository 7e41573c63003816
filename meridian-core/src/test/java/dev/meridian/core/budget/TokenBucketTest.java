package dev.meridian.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aFullBucketAdmitsItsCapacityAtOnceAndThenRefusesWithTheWaitForOneMore() {
        TokenBucket rpm = new TokenBucket(60, 0);
        for (int i = 0; i < 60; i++) {
            assertThat(rpm.tryTake(1, 60, 0)).isZero();
        }
        assertThat(rpm.tryTake(1, 60, 0)).isEqualTo(1_000);
        assertThat(rpm.state(60, 0).remaining()).isZero();
        assertThat(rpm.state(60, 0).resetMillis()).isEqualTo(60_000);
    }

    @Test
    void refillsContinuouslyAtCapacityPerMinute() {
        TokenBucket rpm = new TokenBucket(60, 0);
        rpm.tryTake(60, 60, 0);
        assertThat(rpm.tryTake(1, 60, 500)).isEqualTo(500);
        assertThat(rpm.tryTake(1, 60, 1_000)).isZero();
        assertThat(rpm.state(60, 30_000).remaining()).isEqualTo(29);
        assertThat(rpm.state(60, 600_000).remaining()).isEqualTo(60);
    }

    @Test
    void settlingGivesBackTheReservationAndTakesWhatWasUsed() {
        TokenBucket tpm = new TokenBucket(10_000, 0);
        assertThat(tpm.tryTake(4_000, 10_000, 0)).isZero();
        tpm.settle(4_000, 1_500, 10_000, 0);
        assertThat(tpm.state(10_000, 0).remaining()).isEqualTo(8_500);
    }

    @Test
    void aCallThatUsedMoreThanItsEstimateLeavesTheBucketBelowZeroSoTheNextCallsWait() {
        TokenBucket tpm = new TokenBucket(1_000, 0);
        tpm.tryTake(100, 1_000, 0);
        tpm.settle(100, 1_600, 1_000, 0);
        assertThat(tpm.state(1_000, 0).remaining()).isZero();
        assertThat(tpm.tryTake(1, 1_000, 0)).isEqualTo(36_060);
    }

    @Test
    void aClaimLargerThanTheCapacityTakesAFullBucket() {
        TokenBucket tpm = new TokenBucket(1_000, 0);
        assertThat(tpm.tryTake(5_000, 1_000, 0)).isZero();
        assertThat(tpm.tryTake(1, 1_000, 0)).isPositive();
        tpm.settle(5_000, 0, 1_000, 0);
        assertThat(tpm.state(1_000, 0).remaining()).isEqualTo(1_000);
    }

    @Test
    void aLimitOfZeroAdmitsNothing() {
        TokenBucket none = new TokenBucket(0, 0);
        assertThat(none.tryTake(1, 0, 0)).isEqualTo(TokenBucket.PERIOD_MILLIS);
        assertThat(none.tryTake(0, 0, 0)).isEqualTo(TokenBucket.PERIOD_MILLIS);
    }

    @Test
    void aLoweredLimitAppliesAtOnce() {
        TokenBucket rpm = new TokenBucket(600, 0);
        assertThat(rpm.state(60, 0).remaining()).isEqualTo(60);
    }
}
