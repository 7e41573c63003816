package dev.meridian.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpendCounterTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final long T = NOW.toEpochMilli();

    private static SpendCounter counter(long limit, long spent) {
        return new SpendCounter(BudgetPeriod.DAY, UTC, limit, spent, NOW);
    }

    @Test
    void tryReserve_refusesWhatDoesNotFit_andChangesNothing() {
        SpendCounter c = counter(100, 30);
        assertThat(c.tryReserve(50, T)).isTrue();
        assertThat(c.tryReserve(21, T)).isFalse();
        assertThat(c.tryReserve(20, T)).isTrue(); // exactly at the limit fits
        SpendCounter.Snapshot s = c.snapshot(T);
        assertThat(s.spent()).isEqualTo(30);
        assertThat(s.reserved()).isEqualTo(70);
        assertThat(s.remaining()).isZero();
    }

    @Test
    void settle_replacesReservationWithRealCost() {
        SpendCounter c = counter(100, 0);
        c.tryReserve(60, T);
        c.settle(60, 12, T);
        SpendCounter.Snapshot s = c.snapshot(T);
        assertThat(s.spent()).isEqualTo(12);
        assertThat(s.reserved()).isZero();
        assertThat(s.remaining()).isEqualTo(88);
    }

    @Test
    void settle_aboveReservation_countsTheRealCost() {
        SpendCounter c = counter(100, 0);
        c.tryReserve(10, T);
        c.settle(10, 150, T);
        assertThat(c.snapshot(T).spent()).isEqualTo(150);
        assertThat(c.snapshot(T).remaining()).isZero();
        assertThat(c.tryReserve(0, T)).isFalse();
    }

    @Test
    void newPeriod_restartsSpend_keepsRunningReservations() {
        SpendCounter c = counter(100, 90);
        c.tryReserve(10, T);
        long tomorrow = Instant.parse("2026-03-11T00:00:00Z").toEpochMilli();
        SpendCounter.Snapshot s = c.snapshot(tomorrow);
        assertThat(s.spent()).isZero();
        assertThat(s.reserved()).isEqualTo(10);
        assertThat(s.window().start()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        c.settle(10, 7, tomorrow);
        assertThat(c.snapshot(tomorrow).spent()).isEqualTo(7);
    }

    @Test
    void limit_canBeChangedWhileReserved() {
        SpendCounter c = counter(100, 0);
        c.tryReserve(80, T);
        c.limit(50);
        assertThat(c.snapshot(T).remaining()).isZero();
        assertThat(c.fits(1, T)).isFalse();
        c.settle(80, 40, T);
        assertThat(c.fits(10, T)).isTrue();
        assertThat(c.fits(11, T)).isFalse();
    }

    @Test
    void concurrentReservations_neverExceedTheLimit() throws InterruptedException {
        SpendCounter c = counter(1_000, 0);
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int j = 0; j < 1_000; j++) {
                    if (c.tryReserve(3, T)) {
                        admitted.incrementAndGet();
                        c.settle(3, j % 2 == 0 ? 3 : 0, T);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        SpendCounter.Snapshot s = c.snapshot(T);
        assertThat(s.reserved()).isZero();
        assertThat(s.spent()).isLessThanOrEqualTo(1_000);
        assertThat(s.spent()).isGreaterThan(990);
    }

    @Test
    void money_roundsReservationsUpAndCostsToNearest() {
        assertThat(Money.ceilNanos(0.0000000011)).isEqualTo(2);
        assertThat(Money.roundNanos(0.0000000011)).isEqualTo(1);
        assertThat(Money.ceilNanos(1.5)).isEqualTo(1_500_000_000L);
        assertThat(Money.usd(2_500_000_000L)).isEqualTo(2.5);
    }
}
