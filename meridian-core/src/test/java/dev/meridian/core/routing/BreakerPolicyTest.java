package dev.meridian.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BreakerPolicyTest {

    @Test
    void defaults_openAfterFiveInARowOrHalfOfTwentyOverThirtySeconds() {
        assertThat(BreakerPolicy.defaults())
                .isEqualTo(new BreakerPolicy(5, 0.5, 20, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0.5, 20, consecutiveFailures must be at least 1",
        "5, 0.0, 20, 'errorRate must be in (0, 1]'",
        "5, 1.5, 20, 'errorRate must be in (0, 1]'",
        "5, NaN, 20, 'errorRate must be in (0, 1]'",
        "5, 0.5, 0, minRequests must be at least 1"
    })
    void constructor_rejectsValuesOutOfRange(int consecutive, double rate, int minRequests, String message) {
        assertThatThrownBy(() -> new BreakerPolicy(
                        consecutive, rate, minRequests, Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void constructor_acceptsAnErrorRateOfOne() {
        assertThat(new BreakerPolicy(1, 1.0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)).errorRate())
                .isEqualTo(1.0);
    }
}
