package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingCounterTest {

    private static final long T0 = 1_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Ten buckets of one second each. */
    private final SlidingCounter counter = new SlidingCounter(Duration.ofSeconds(10));

    @Test
    void sum_ofANewCounter_isZero() {
        assertThat(counter.sum(T0)).isZero();
    }

    @Test
    void sum_addsEverythingWithinTheWindow() {
        counter.add(T0, 2);
        counter.add(T0 + 3 * SECOND, 5);
        counter.add(T0 + 9 * SECOND, 1);

        assertThat(counter.sum(T0 + 9 * SECOND)).isEqualTo(8);
    }

    @Test
    void sum_dropsAmountsOnceTheyAreAWindowOld() {
        counter.add(T0, 2);
        counter.add(T0 + 5 * SECOND, 3);

        assertThat(counter.sum(T0 + 9 * SECOND)).isEqualTo(5);
        assertThat(counter.sum(T0 + 10 * SECOND)).isEqualTo(3);
        assertThat(counter.sum(T0 + 15 * SECOND)).isZero();
    }

    @Test
    void add_intoARecycledBucket_startsFromZero() {
        counter.add(T0, 7);

        counter.add(T0 + 10 * SECOND, 1); // same bucket index, ten seconds later

        assertThat(counter.sum(T0 + 10 * SECOND)).isEqualTo(1);
    }

    @Test
    void sum_ignoresAmountsAddedAfterNow() {
        counter.add(T0 + 5 * SECOND, 4);

        assertThat(counter.sum(T0)).isZero();
    }

    @Test
    void reset_forgetsEverything() {
        counter.add(T0, 4);

        counter.reset();

        assertThat(counter.sum(T0)).isZero();
        counter.add(T0, 1);
        assertThat(counter.sum(T0)).isEqualTo(1);
    }

    @Test
    void sum_worksWithANegativeClock() {
        long negative = -3 * SECOND;
        counter.add(negative, 2);

        assertThat(counter.sum(negative + SECOND)).isEqualTo(2);
        assertThat(counter.sum(negative + 10 * SECOND)).isZero();
    }
}
