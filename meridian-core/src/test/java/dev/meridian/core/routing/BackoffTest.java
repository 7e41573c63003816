package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

    private static final int DRAWS = 5_000;
    /** Wed, 21 Oct 2015 07:28:00 GMT. */
    private static final long OCT_21_2015_0728 =
            Instant.parse("2015-10-21T07:28:00Z").toEpochMilli();

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @ParameterizedTest
    @CsvSource({"1, 100", "2, 200", "3, 400", "6, 3200", "7, 5000", "40, 5000"})
    void delayMillis_fullJitterStaysWithinZeroAndTheCappedExponentialCeiling(int retry, long ceiling) {
        LongSummaryStatistics delays = draw(retry, null);

        assertThat(delays.getMin()).isGreaterThanOrEqualTo(0);
        assertThat(delays.getMax()).isLessThanOrEqualTo(ceiling);
        // full jitter spreads over the whole range rather than clustering at the ceiling
        assertThat(delays.getMin()).isLessThan(ceiling / 10);
        assertThat(delays.getMax()).isGreaterThan(ceiling * 9 / 10);
    }

    @Test
    void delayMillis_zeroInitial_isNoWait() {
        Backoff none = new Backoff(Duration.ZERO, Duration.ofSeconds(5));

        assertThat(none.delayMillis(3, null, OCT_21_2015_0728)).isZero();
    }

    @Test
    void delayMillis_retryAfterSecondsIsAFloor() {
        LongSummaryStatistics delays = draw(1, "2");

        assertThat(delays.getMin()).isEqualTo(2_000);
        assertThat(delays.getMax()).isEqualTo(2_000);
    }

    @Test
    void delayMillis_retryAfterBelowTheJitter_stillLetsTheJitterWin() {
        LongSummaryStatistics delays = draw(7, "1"); // ceiling 5 s, floor 1 s

        assertThat(delays.getMin()).isEqualTo(1_000);
        assertThat(delays.getMax()).isGreaterThan(1_000).isLessThanOrEqualTo(5_000);
    }

    @Test
    void delayMillis_retryAfterHttpDateIsAFloor() {
        long threeSecondsBefore = OCT_21_2015_0728 - 3_000;

        long delay = backoff.delayMillis(1, "Wed, 21 Oct 2015 07:28:00 GMT", threeSecondsBefore);

        assertThat(delay).isEqualTo(3_000);
    }

    @ParameterizedTest
    @CsvSource({"2, 2000", "' 7 ', 7000", "1.5, 1500", "0.25, 250", "0.0001, 1", "0, 0", "-3, 0"})
    void retryAfterMillis_deltaSecondsIncludingFractions(String header, long expected) {
        assertThat(Backoff.retryAfterMillis(header, OCT_21_2015_0728)).isEqualTo(expected);
    }

    @Test
    void retryAfterMillis_httpDateIsTheTimeUntilThatDate() {
        assertThat(Backoff.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT", OCT_21_2015_0728 - 90_000))
                .isEqualTo(90_000);
    }

    @Test
    void retryAfterMillis_httpDateInThePast_isZero() {
        assertThat(Backoff.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT", OCT_21_2015_0728 + 1))
                .isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "soon", "NaN", "Infinity", "1e12", "21 Oct 2015", "2015-10-21T07:28:00Z"})
    void retryAfterMillis_absentOrUnreadable_isIgnored(String header) {
        assertThat(Backoff.retryAfterMillis(header, OCT_21_2015_0728)).isZero();
    }

    @Test
    void delayMillis_unreadableRetryAfter_fallsBackToTheJitter() {
        LongSummaryStatistics delays = draw(2, "in a while");

        assertThat(delays.getMin()).isGreaterThanOrEqualTo(0);
        assertThat(delays.getMax()).isLessThanOrEqualTo(200);
    }

    private LongSummaryStatistics draw(int retry, String retryAfter) {
        return IntStream.range(0, DRAWS)
                .mapToLong(i -> backoff.delayMillis(retry, retryAfter, OCT_21_2015_0728))
                .summaryStatistics();
    }
}
