package dev.meridian.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void until_returnsOnceTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        Poll.until(() -> calls.incrementAndGet() == 3, "the third call");
        assertThat(calls).hasValue(3);
    }

    @Test
    void until_failsNamingWhatNeverHappened() {
        assertThatThrownBy(() -> Poll.until(() -> false, Duration.ofMillis(50), "pigs fly"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after 50 ms waiting until pigs fly");
    }

    @Test
    void within_saysWhetherTheConditionHeld_withoutFailing() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(Poll.within(() -> calls.incrementAndGet() == 3, Duration.ofSeconds(10), "the third call"))
                .isTrue();
        assertThat(Poll.within(() -> false, Duration.ofMillis(50), "pigs fly")).isFalse();
    }
}
