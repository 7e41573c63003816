package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.ProviderHealth;
import dev.meridian.server.routing.Route;
import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Health verdicts end to end: a server without a model list stays healthy, a provider may be left unchecked,
 * real traffic clears an unhealthy mark, and a group whose every deployment is unavailable still gets its first
 * attempt at once. Each test fails on the gateway before issue 9's fix.
 */
class HealthCheckIT {

    private static final String CHECKED_OFTEN = """
            routing:
              healthChecks: {interval: 50ms, timeout: 500ms, unhealthyThreshold: 2, healthyThreshold: 1}
            """;

    private GatewayFixture gateway;
    private BareServer bare;
    private BareServer listed;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (bare != null) {
            bare.close();
        }
        if (listed != null) {
            listed.close();
        }
    }

    /** Two OpenAI-compatible providers on {@link #bare}, told apart by their keys, and a model on each. */
    private void startOnBareServer(int modelListStatus, String otherProviderExtra) {
        bare = BareServer.start(modelListStatus);
        gateway = GatewayFixture.startWith("""
                  bare-checked:
                    type: openai-compatible
                    baseUrl: %1$s
                    apiKey: checked-key
                  bare-other:
                    type: openai-compatible
                    baseUrl: %1$s
                    apiKey: other-key
                %2$s
                """.formatted(bare.baseUrl(), otherProviderExtra), """
                  checked:
                    provider: bare-checked
                    model: some-model
                  other:
                    provider: bare-other
                    model: some-model
                """, CHECKED_OFTEN);
    }

    private static String chat(String model) {
        return """
                {"model":"%s","messages":[{"role":"user","content":"hello"}]}
                """.formatted(model);
    }

    private Deployment<Route> onlyDeployment(String group) {
        return gateway.server().runtime().routes().group(group).deployments().get(0);
    }

    private void assertServedAtOnce(String group) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat(group));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-attempts")).hasValue("1");
        assertThat(gateway.get("/metrics").body())
                .as("no request of %s waited for a back-off", group)
                .doesNotContain("meridian_retries_total{group=\"" + group + "\"");
    }

    @Test
    void modelListAnswering404_keepsTheProviderHealthy_andRequestsWaitForNothing() {
        startOnBareServer(404, "");
        ProviderHealth health = onlyDeployment("checked").health();

        Poll.until(() -> bare.modelListRequests("checked-key") >= 6, "six checks of the model list answered 404");

        assertThat(health.healthy())
                .as("404: reachable, there is just no model list")
                .isTrue();
        assertThat(health.lastError()).isNull();
        for (int i = 0; i < 5; i++) {
            assertServedAtOnce("checked");
        }
        int before = bare.modelListRequests("checked-key");
        Poll.until(() -> bare.modelListRequests("checked-key") >= before + 3, "three more checks");
        assertThat(health.healthy()).isTrue();
    }

    /**
     * Issue 9's measurement: before the fix, a server without a model list was marked unhealthy after three checks
     * and every request to it then waited a random 0–100 ms. One connection alternates between a server without a
     * model list and one with, for 60 s, with checks every 50 ms; the medians differ by at most 0.2 ms.
     */
    @Test
    void sixtySecondsOfTraffic_toAServerWithoutAModelList_isAsFastAsToOneWithIt() throws Exception {
        bare = BareServer.start(404);
        listed = BareServer.start(200);
        gateway = GatewayFixture.startWith("""
                  no-list:
                    type: openai-compatible
                    baseUrl: %s
                    apiKey: no-list-key
                  listed:
                    type: openai-compatible
                    baseUrl: %s
                    apiKey: listed-key
                """.formatted(bare.baseUrl(), listed.baseUrl()), """
                  no-list:
                    provider: no-list
                    model: some-model
                  listed:
                    provider: listed
                    model: some-model
                """, CHECKED_OFTEN);
        LatencySample withoutList = new LatencySample();
        LatencySample withList = new LatencySample();
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();

        while (System.nanoTime() < end) {
            withoutList.time(client, gateway, chat("no-list"));
            withList.time(client, gateway, chat("listed"));
        }

        assertThat(bare.modelListRequests("no-list-key"))
                .as("the server without a model list was checked throughout")
                .isGreaterThan(100);
        assertThat(onlyDeployment("no-list").health().healthy()).isTrue();
        double addedMillis = (withoutList.median() - withList.median()) / 1e6;
        System.out.printf(
                "p50 without a model list %.3f ms, with one %.3f ms (%,d requests each)%n",
                withoutList.median() / 1e6, withList.median() / 1e6, withList.count());
        assertThat(addedMillis).isLessThanOrEqualTo(0.2);
    }

    /** Latencies of successful requests, in nanoseconds. */
    private static final class LatencySample {
        private long[] nanos = new long[1 << 16];
        private int count;

        void time(HttpClient client, GatewayFixture gateway, String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + GatewayFixture.KEY)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = took;
        }

        int count() {
            return count;
        }

        double median() {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return sorted[count / 2];
        }
    }

    @Test
    void methodNone_neverChecksTheProvider_andItStaysHealthy() {
        startOnBareServer(503, "    healthCheck: {method: none}");

        Poll.until(() -> !onlyDeployment("checked").health().healthy(), "the checked provider is marked unhealthy");
        assertThat(bare.modelListRequests("other-key"))
                .as("no check of the unchecked provider")
                .isZero();
        assertThat(onlyDeployment("other").health().healthy()).isTrue();
        assertServedAtOnce("other");
    }

    @Test
    void healthCheckPath_isProbedInsteadOfTheModelList() {
        startOnBareServer(503, "    healthCheck: {path: /health}");

        Poll.until(() -> bare.requests("other-key", "/v1/health") >= 4, "four checks of /v1/health");
        assertThat(bare.modelListRequests("other-key")).isZero();
        Poll.until(() -> !onlyDeployment("checked").health().healthy(), "the model-list provider is unhealthy");
        assertThat(onlyDeployment("other").health().healthy()).isTrue();
    }

    @Test
    void successfulRequest_clearsAnUnhealthyMarkAtOnce() {
        gateway = GatewayFixture.startWith("", "", GatewayFixture.SINGLE_ATTEMPT);
        ProviderHealth health = onlyDeployment("gpt").health();
        markUnhealthy(health);

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("gpt"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(health.healthy())
                .as("the answer is evidence enough, without waiting for checks")
                .isTrue();
        assertThat(onlyDeployment("gpt").available(System.nanoTime())).isTrue();
    }

    @Test
    void everyDeploymentUnavailable_theFirstAttemptStartsWithoutBackOff() {
        // A back-off of an hour cannot fit the 3 s deadline: a first attempt that waited for it would give up.
        gateway = GatewayFixture.startWith("", "", """
                routing:
                  retry: {maxAttempts: 2, initialBackoff: 1h, maxBackoff: 1h, deadline: 3s}
                  healthChecks: {enabled: false}
                """);
        markUnhealthy(onlyDeployment("gpt").health());

        assertServedAtOnce("gpt");
    }

    /** As failed checks would; health checks are off in those tests, so nothing else changes it. */
    private static void markUnhealthy(ProviderHealth health) {
        for (int i = 0; i < 100 && health.healthy(); i++) {
            health.record("HTTP 503", System.currentTimeMillis());
        }
        assertThat(health.healthy()).isFalse();
    }

    /**
     * An OpenAI-compatible server whose model list answers a given status (404: it has none, as many have not); it
     * answers chat completions and {@code /v1/health}, and counts requests by key and path.
     */
    private static final class BareServer implements AutoCloseable {

        private static final String ANSWER = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"some-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
                """;

        private final Vertx vertx = Vertx.vertx();
        private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        private HttpServer server;

        static BareServer start(int modelListStatus) {
            BareServer bare = new BareServer();
            bare.server = bare.vertx
                    .createHttpServer()
                    .requestHandler(request -> {
                        String key = request.getHeader("authorization") + " " + request.path();
                        bare.requests
                                .computeIfAbsent(key, k -> new AtomicInteger())
                                .incrementAndGet();
                        switch (request.path()) {
                            case "/v1/chat/completions" ->
                                request.response()
                                        .putHeader("content-type", "application/json")
                                        .end(ANSWER);
                            case "/v1/models" ->
                                request.response()
                                        .setStatusCode(modelListStatus)
                                        .end();
                            case "/v1/health" -> request.response().end("ok");
                            default -> request.response().setStatusCode(404).end();
                        }
                    })
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
            return bare;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.actualPort() + "/v1";
        }

        int requests(String apiKey, String path) {
            AtomicInteger n = requests.get("Bearer " + apiKey + " " + path);
            return n == null ? 0 : n.get();
        }

        int modelListRequests(String apiKey) {
            return requests(apiKey, "/v1/models");
        }

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
