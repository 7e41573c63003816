package dev.meridian.server.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Shutdown turns readiness off at once and lets a stream that is in flight finish. */
class GracefulShutdownIT {

    @Test
    void shutdown_letsAnInFlightStreamFinish() throws Exception {
        GatewayFixture gateway = GatewayFixture.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch firstEvent = new CountDownLatch(1);
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + GatewayFixture.KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude\",\"stream\":true,\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"a slow one [sim tokens=40 chunk_delay_ms=50]\"}]}"))
                    .build();
            CompletableFuture<HttpResponse<Stream<String>>> response =
                    http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            CompletableFuture<Void> reading = response.thenAccept(r -> r.body().forEach(line -> {
                lines.add(line);
                firstEvent.countDown();
            }));
            assertThat(firstEvent.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> gateway.server().close());
            awaitNotReady(gateway);
            reading.get(20, TimeUnit.SECONDS);
            closing.get(20, TimeUnit.SECONDS);

            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(lines).contains("data: [DONE]");
            assertThat(String.join("\n", lines)).doesNotContain("\"error\"");
        } finally {
            gateway.simulator().close();
        }
    }

    private static void awaitNotReady(GatewayFixture gateway) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!gateway.server().runtime().ready()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("readiness did not turn off");
    }
}
