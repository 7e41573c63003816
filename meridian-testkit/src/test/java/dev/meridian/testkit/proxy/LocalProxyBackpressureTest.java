package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A side that stops reading must stall the other side instead of filling the proxy's memory. Only
 * socket buffers may sit between them: about 13 MB on the gVisor loopback where this was measured,
 * well below the {@value #STALLED_BELOW} bytes allowed and the {@value #TOTAL} bytes sent.
 */
class LocalProxyBackpressureTest {

    private static final long TOTAL = 128L << 20;
    private static final long STALLED_BELOW = 48L << 20;

    @RegisterExtension
    static final ProxyFixture env = ProxyFixture.open();

    @Test
    void tunnel_clientNotReading_stallsTarget() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write("CONNECT 127.0.0.1:" + env.targets().plainPort() + " HTTP/1.1\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(200);
            long before = env.targets().floodWritten();
            client.write("GET /flood?bytes=" + TOTAL + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            long stalledAt = awaitStable(() -> env.targets().floodWritten() - before);
            assertThat(stalledAt).isPositive().isLessThan(STALLED_BELOW);

            RawClient.Response head = client.readResponseHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(client.skipToEnd()).isEqualTo(TOTAL);
        }
    }

    @Test
    void forward_targetNotReading_stallsClient() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write("POST http://127.0.0.1:" + env.targets().plainPort() + "/hold HTTP/1.1\r\nContent-Length: "
                    + TOTAL + "\r\n\r\n");
            Thread writer = new Thread(() -> client.writeZeros(TOTAL, sent), "uploader");
            writer.setDaemon(true);
            writer.start();

            long stalledAt = awaitStable(sent::get);

            assertThat(stalledAt).isPositive().isLessThan(STALLED_BELOW);
            assertThat(env.proxy().connections())
                    .singleElement()
                    .satisfies(c -> assertThat(c.bytesUp()).isLessThan(STALLED_BELOW));
        }
    }

    /** Waits until {@code progress} stops moving for half a second, and returns where it stopped. */
    private static long awaitStable(LongSupplier progress) {
        AtomicLong last = new AtomicLong(progress.getAsLong());
        AtomicLong movedAt = new AtomicLong(System.nanoTime());
        Poll.until(
                () -> {
                    long now = progress.getAsLong();
                    if (now != last.get()) {
                        last.set(now);
                        movedAt.set(System.nanoTime());
                    }
                    return now != 0
                            && System.nanoTime() - movedAt.get()
                                    >= Duration.ofMillis(500).toNanos();
                },
                Duration.ofSeconds(50),
                "the progress stops moving for half a second");
        return last.get();
    }
}
