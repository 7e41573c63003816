package dev.meridian.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryPacerTest {

    private static final long T0 = 1_000_000_000L;

    @Test
    void aBurstOfEightExpiresAtOnce_andTheRestFollowHalfAMillisecondApart() {
        ExpiryPacer pacer = new ExpiryPacer();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waits.add(pacer.reserve(T0));
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 500_000L, 1_000_000L, 1_500_000L, 2_000_000L);
    }

    @Test
    void fiveHundredSimultaneousExpiries_areAllDoneWithinAQuarterOfASecond() {
        ExpiryPacer pacer = new ExpiryPacer();
        long last = 0;
        for (int i = 0; i < 500; i++) {
            last = pacer.reserve(T0);
        }
        assertThat(last).isEqualTo((500 - ExpiryPacer.BURST) * ExpiryPacer.INTERVAL_NANOS);
        assertThat(last).isLessThan(250_000_000L);
    }

    @Test
    void expiriesSpreadOutInTime_areNeverDelayed() {
        ExpiryPacer pacer = new ExpiryPacer();
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.reserve(T0 + i * ExpiryPacer.INTERVAL_NANOS)).isZero();
        }
    }

    @Test
    void aQuietSpell_restoresTheWholeBurst() {
        ExpiryPacer pacer = new ExpiryPacer();
        for (int i = 0; i < 20; i++) {
            pacer.reserve(T0);
        }
        long later = T0 + 20 * ExpiryPacer.INTERVAL_NANOS;
        for (int i = 0; i < ExpiryPacer.BURST; i++) {
            assertThat(pacer.reserve(later)).isZero();
        }
        assertThat(pacer.reserve(later)).isEqualTo(ExpiryPacer.INTERVAL_NANOS);
    }
}
