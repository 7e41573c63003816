package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thousand clients trickling a byte a second, half stuck in their headers and half in their bodies, do not slow
 * the typical request down, and each is answered 408 and closed within the configured time.
 */
class SlowClientsIT {

    private static final long HEADER_MS = 2000;
    private static final long BODY_STALL_MS = 3000;
    /** Timers, a loaded machine and a thousand accepts in a burst: how late a close may come. */
    private static final long SLACK_MS = 1500;

    private static final String CHAT = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithServer("""
                  headerTimeout: 2s
                  bodyStallTimeout: 3s
                  idleTimeout: 10s
                  maxConnectionsPerClient: 0
                  accessLog: false
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /**
     * HTTP/1.1 keep-alive, the way the tricklers' neighbours call: the fixture's default client tries an h2c upgrade
     * and its own overhead (milliseconds on a loaded 2-core machine) would hide what the gateway adds.
     */
    private static final HttpClient HTTP1 =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One chat request's round trip in microseconds. */
    private static long timedRequest() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(request);
        long micros = (System.nanoTime() - t0) / 1000;
        assertThat(r.statusCode()).isEqualTo(200);
        return micros;
    }

    /**
     * Back-to-back requests for a tenth of a second, as a busy client sends them: a request after a pause would
     * measure the machine waking its threads (milliseconds on a small VM), not the gateway.
     */
    private static void requestsFor(long t0, List<Long> micros, List<String> slow) {
        long end = System.nanoTime() + 100_000_000L;
        while (System.nanoTime() - end < 0) {
            long at = (System.nanoTime() - t0) / 1_000_000;
            long us = timedRequest();
            micros.add(us);
            if (us > 20_000) {
                slow.add(us / 1000 + " ms at " + at + " ms");
            }
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP1.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long percentile(List<Long> micros, double q) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * q) - 1);
    }

    /** The p99, printed with the median and the maximum for the build log. */
    private static long p99(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf(
                "SlowClientsIT: %d requests %s: p50 %d us, p99 %d us, max %d us%n",
                sorted.size(), what, sorted.get(sorted.size() / 2), p99, sorted.get(sorted.size() - 1));
        return p99;
    }

    @Test
    void thousandTricklers_areClosedInTime_whileNormalRequestsStayFast() {
        for (int i = 0; i < 300; i++) {
            assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200); // warm up
        }
        List<Long> baseline = new ArrayList<>();
        long t1 = System.nanoTime();
        Poll.within(
                () -> {
                    requestsFor(t1, baseline, new ArrayList<>());
                    return System.nanoTime() - t1 > 3_000_000_000L;
                },
                Duration.ofSeconds(10),
                "three seconds of requests without tricklers");
        List<Long> micros = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        long t2 = System.nanoTime();
        try (Tricklers tricklers = Tricklers.start(gateway.server().port(), 500, 500)) {
            boolean done = Poll.within(
                    () -> {
                        requestsFor(t2, micros, slow);
                        return tricklers.allClosed();
                    },
                    Duration.ofSeconds(15),
                    "every trickler is closed");

            assertThat(done)
                    .as("closed %d of 1000 tricklers", tricklers.closedCount())
                    .isTrue();
            for (Tricklers.Client c : tricklers.clients()) {
                // Header time runs from the accept, body-stall time from the last body byte.
                long earliest = (c.closedAt - (c.body ? c.lastByteAt : c.startedAt)) / 1_000_000;
                long latest = (c.closedAt - (c.body ? c.lastByteAt : c.connectedAt)) / 1_000_000;
                long limit = c.body ? BODY_STALL_MS : HEADER_MS;
                String what = c.body ? "body" : "header";
                assertThat(earliest)
                        .as("%s trickler closed after %d ms", what, earliest)
                        .isGreaterThan(limit - 100);
                assertThat(latest)
                        .as("%s trickler closed after %d ms", what, latest)
                        .isLessThan(limit + SLACK_MS);
                assertThat(c.received())
                        .startsWith("HTTP/1.1 408 Request Timeout")
                        .contains("request_timeout");
            }
        }
        assertThat(micros.size()).as("requests served alongside").isGreaterThan(100);
        p99("without tricklers", baseline);
        System.out.println("SlowClientsIT: requests over 20 ms: " + slow);
        // Issue 9: p99 under 20 ms beside the tricklers. The 500 body tricklers stop in the same instant (about 5 s
        // in); their closes are paced (ExpiryPacer), which keeps that burst from stalling the requests around it.
        assertThat(p99("alongside", micros))
                .as("p99 alongside 1000 tricklers, in microseconds")
                .isLessThan(20_000);
        long medianBefore = percentile(baseline, 0.5);
        long median = percentile(micros, 0.5);
        assertThat(median)
                .as("median of %d requests in microseconds (without tricklers: %d)", micros.size(), medianBefore)
                .isLessThan(2 * medianBefore + 2_000);
        assertThat(Collections.max(micros))
                .as("slowest request alongside the tricklers, in microseconds")
                .isLessThan(HEADER_MS * 1000 / 4);
    }
}
