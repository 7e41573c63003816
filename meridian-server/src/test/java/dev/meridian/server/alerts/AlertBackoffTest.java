package dev.meridian.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertBackoffTest {

    @Test
    void after_doublesFromOneSecondToTenMinutes_withoutJitterAtTheMiddle() {
        AlertBackoff backoff = new AlertBackoff(() -> 0.5);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(backoff.after(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.after(1_000_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void after_jittersWithin20Percent_andNeverPastTheMaximum() {
        assertThat(new AlertBackoff(() -> 0.0).after(3)).isEqualTo(Duration.ofMillis(3200));
        assertThat(new AlertBackoff(() -> 0.999999).after(3))
                .isBetween(Duration.ofMillis(4799), Duration.ofMillis(4800));
        assertThat(new AlertBackoff(() -> 0.999999).after(40)).isEqualTo(Duration.ofMinutes(10));
    }
}
