package dev.meridian.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientCountsTest {

    private static final InetAddress A = InetAddress.getLoopbackAddress();

    @Test
    void tryAcquire_pastTheLimit_isRefused_untilOneIsReleased() {
        ClientCounts counts = new ClientCounts(2);

        assertThat(counts.tryAcquire(A)).isTrue();
        assertThat(counts.tryAcquire(A)).isTrue();
        assertThat(counts.tryAcquire(A)).isFalse();
        assertThat(counts.open(A)).isEqualTo(2);
        counts.release(A);
        assertThat(counts.tryAcquire(A)).isTrue();
    }

    @Test
    void release_toZero_removesTheAddress() {
        ClientCounts counts = new ClientCounts(5);
        counts.tryAcquire(A);
        counts.release(A);

        assertThat(counts.addresses()).isZero();
    }

    @Test
    void zero_isUnlimited_andCountsNothing() {
        ClientCounts counts = new ClientCounts(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(counts.tryAcquire(A)).isTrue();
        }
        assertThat(counts.addresses()).isZero();
    }

    @Test
    void concurrentAcquires_fromManyThreads_neverPassTheLimit() throws Exception {
        ClientCounts counts = new ClientCounts(100);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1000; i++) {
            pool.execute(() -> {
                if (counts.tryAcquire(A)) {
                    granted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(granted.get()).isEqualTo(100);
        assertThat(counts.open(A)).isEqualTo(100);
    }
}
