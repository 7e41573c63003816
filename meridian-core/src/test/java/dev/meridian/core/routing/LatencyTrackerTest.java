package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyTrackerTest {

    private static final long MS = 1_000_000L;

    private final LatencyTracker tracker = new LatencyTracker();

    @Test
    void ewma_beforeAnySample_isNaN() {
        assertThat(tracker.ewmaNanos()).isNaN();
        assertThat(tracker.sampleCount()).isZero();
    }

    @Test
    void ewma_firstSampleIsTheAverage() {
        tracker.record(250 * MS);

        assertThat(tracker.ewmaNanos()).isEqualTo(250.0 * MS);
    }

    @Test
    void ewma_movesAFifthOfTheWayTowardsEachNewSample() {
        tracker.record(100 * MS);
        tracker.record(200 * MS);

        assertThat(tracker.ewmaNanos()).isCloseTo(120.0 * MS, within(1.0));
    }

    @Test
    void ewma_convergesOnASteadyLatency() {
        tracker.record(1_000 * MS);
        for (int i = 0; i < 100; i++) {
            tracker.record(40 * MS);
        }

        assertThat(tracker.ewmaNanos()).isCloseTo(40.0 * MS, within(0.001 * MS));
        assertThat(tracker.sampleCount()).isEqualTo(101);
    }

    @Test
    void p95_ofOneToHundredMillis_isNinetyFive() {
        for (long ms = 100; ms >= 1; ms--) { // order of arrival does not matter
            tracker.record(ms * MS);
        }

        assertThat(tracker.p95Nanos(20)).isEqualTo(95 * MS);
    }

    @Test
    void p95_ofTwentySamples_isTheNineteenth() {
        for (long ms = 1; ms <= 20; ms++) {
            tracker.record(ms * MS);
        }

        assertThat(tracker.p95Nanos(20)).isEqualTo(19 * MS);
    }

    @Test
    void p95_belowMinSamples_isMinusOne() {
        for (long ms = 1; ms <= 19; ms++) {
            tracker.record(ms * MS);
        }

        assertThat(tracker.p95Nanos(20)).isEqualTo(-1);
        assertThat(tracker.p95Nanos(19)).isEqualTo(19 * MS);
    }

    @Test
    void p95_withoutSamples_isMinusOneEvenWhenNoMinimumIsAsked() {
        assertThat(tracker.p95Nanos(0)).isEqualTo(-1);
    }

    @Test
    void p95_keepsOnlyTheLatest128Samples() {
        for (int i = 0; i < LatencyTracker.SAMPLES; i++) {
            tracker.record(10_000 * MS); // an old slow spell
        }
        for (int i = 0; i < LatencyTracker.SAMPLES; i++) {
            tracker.record(30 * MS);
        }

        assertThat(tracker.p95Nanos(1)).isEqualTo(30 * MS);
        assertThat(tracker.sampleCount()).isEqualTo(256);
    }

    @Test
    void p95_afterWrapping_mixesTheNewestSamplesWithTheRemainingOldOnes() {
        for (int i = 0; i < LatencyTracker.SAMPLES; i++) {
            tracker.record(10 * MS);
        }
        for (int i = 0; i < 7; i++) {
            tracker.record(900 * MS); // 7 of 128 slow: more than 5%
        }

        assertThat(tracker.p95Nanos(1)).isEqualTo(900 * MS);
    }
}
