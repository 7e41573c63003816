package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.routing.Deployment;
import dev.meridian.server.routing.Route;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.Poll;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * High availability under health checks and load, and where requests may go: dead providers taken out and brought
 * back, overload shed with 503, degradation to a cheaper group, callers who leave, residency and smart selection.
 */
class LoadAndPlacementIT extends HighAvailabilityBase {

    @Test
    void healthChecks_takeADeadProviderOut_andBringItBackAfterRecovery() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        second = ProviderSimulator.start(SimulatorOptions.defaults().port(port));
        gateway = GatewayFixture.startWith("""
                  sim-second:
                    type: openai
                    baseUrl: http://127.0.0.1:%d/v1
                    apiKey: second-key
                """.formatted(port), """
                  spread:
                    deployments:
                      - {name: first, provider: sim-openai, model: model-first}
                      - {name: second, provider: sim-second, model: model-second}
                """, """
                routing:
                  healthChecks: {interval: 100ms, timeout: 200ms, unhealthyThreshold: 3, healthyThreshold: 2}
                """);
        Deployment<Route> secondDeployment = deployment("spread", "second");

        second.close();
        Poll.until(() -> !secondDeployment.health().healthy(), "the second provider is marked unhealthy");
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("spread", "hello", false));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("first");
        }
        JsonNode models = Json.parse(gateway.get("/v1/models").body().getBytes());
        JsonNode status = models.path("data").findParents("id").stream()
                .filter(n -> n.path("id").asText().equals("spread"))
                .findFirst()
                .orElseThrow()
                .path("meridian")
                .path("deployments")
                .get(1);
        assertThat(status.path("healthy").asBoolean()).isFalse();

        second = ProviderSimulator.start(SimulatorOptions.defaults().port(port));
        Poll.until(secondDeployment.health()::healthy, "the second provider is healthy again");
        boolean servedBySecond = false;
        for (int i = 0; i < 40 && !servedBySecond; i++) {
            servedBySecond = gateway.post("/v1/chat/completions", chat("spread", "hello", false))
                    .headers()
                    .firstValue("x-meridian-deployment")
                    .orElse("")
                    .equals("second");
        }
        assertThat(servedBySecond).isTrue();
    }

    @Test
    void overload_shedsWith503AndRetryAfter_insteadOfQueueingWithoutBound_whileHealthAnswers() {
        gateway = GatewayFixture.startWith("", "", """
                routing:
                  overload: {maxInFlight: 2, maxQueue: 1, queueTimeout: 5s}
                  healthChecks: {enabled: false}
                """);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                            .header("authorization", "Bearer " + GatewayFixture.KEY)
                            .POST(HttpRequest.BodyPublishers.ofString(chat("gpt", "slow [sim delay_ms=1500]", false)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Poll.until(() -> calls.stream().filter(CompletableFuture::isDone).count() >= 7, "seven requests are shed");
        HttpResponse<String> health = gateway.get("/health/ready");
        assertThat(health.statusCode()).isEqualTo(200);

        List<HttpResponse<String>> responses =
                calls.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> shed =
                responses.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(3);
        assertThat(shed).hasSize(7).allSatisfy(r -> {
            assertThat(r.headers().firstValue("retry-after")).hasValue("1");
            assertThat(r.body()).contains("\"code\":\"gateway_overloaded\"");
        });
    }

    @Test
    void underLoad_aGroupWithDegradeTo_isServedByItsCheaperGroup() {
        gateway = GatewayFixture.startWith("", """
                  premium:
                    provider: sim-openai
                    model: model-premium
                    degradeTo: cheap
                    degradeAt: 0.5
                  cheap:
                    provider: sim-openai
                    model: model-cheap
                """, """
                routing:
                  overload: {maxInFlight: 2}
                  healthChecks: {enabled: false}
                """);
        HttpResponse<String> calm = gateway.post("/v1/chat/completions", chat("premium", "hello", false));
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                                .header("authorization", "Bearer " + GatewayFixture.KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        chat("gpt", "slow [sim delay_ms=1000]", false)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Poll.until(() -> gateway.server().runtime().admission().inFlight() == 1, "one request holds half the places");

        HttpResponse<String> loaded = gateway.post("/v1/chat/completions", chat("premium", "hello", false));

        assertThat(calm.headers().firstValue("x-meridian-model-group")).hasValue("premium");
        assertThat(loaded.statusCode()).isEqualTo(200);
        assertThat(loaded.headers().firstValue("x-meridian-model-group")).hasValue("cheap");
        assertThat(loaded.headers().firstValue("x-meridian-degraded-from")).hasValue("premium");
        assertThat(slow.join().statusCode()).isEqualTo(200);
    }

    @Test
    void aCallerWhoLeaves_stopsTheAttempts_andFreesItsPlaces() throws Exception {
        gateway = GatewayFixture.startWith(
                "", PAIR, FAST_ROUTING.replace("attemptTimeout: 500ms", "attemptTimeout: 30s"));
        gateway.simulator().faults().enqueue(Fault.hang().forModel("model-a").forever());
        CompletableFuture<HttpResponse<String>> call = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                                .header("authorization", "Bearer " + GatewayFixture.KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(chat("pair", "hello", false)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Poll.until(() -> deployment("pair", "dep-a").inFlight() == 1, "the attempt is running");
        // inFlight counts from before the send: leaving before the request arrived would make the last check race.
        Poll.until(() -> modelsReceived().contains("model-a"), "the request reached the provider");

        Logger access = (Logger) LoggerFactory.getLogger("meridian.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try {
            call.cancel(true); // the JDK client closes the connection

            Poll.until(() -> deployment("pair", "dep-a").inFlight() == 0, "the attempt is cancelled");
            Poll.until(() -> gateway.server().runtime().admission().inFlight() == 0, "the gateway's place is freed");
            assertThat(modelsReceived()).containsExactly("model-a");
            Poll.until(() -> !lines.list.isEmpty(), "the request is access-logged");
            assertThat(lines.list.get(0).getFormattedMessage())
                    .contains("\"status\":499")
                    .contains("\"error_code\":\"client_closed\"");
        } finally {
            access.detachAppender(lines);
        }
    }

    @Test
    void aCallerWhoLeavesWhileQueued_leavesTheQueueAtOnce() {
        gateway = GatewayFixture.startWith("", "", """
                routing:
                  overload: {maxInFlight: 1, maxQueue: 5, queueTimeout: 30s}
                  healthChecks: {enabled: false}
                """);
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> holding = http.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(chat("gpt", "slow [sim delay_ms=3000]", false)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Poll.until(() -> gateway.server().runtime().admission().inFlight() == 1, "one request holds the only place");
        CompletableFuture<HttpResponse<String>> queued = http.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(chat("gpt", "hello", false)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Poll.until(() -> gateway.server().runtime().admission().queueDepth() == 1, "the second request waits");

        queued.cancel(true);

        Poll.until(() -> gateway.server().runtime().admission().queueDepth() == 0, "it left the queue");
        assertThat(holding.join().statusCode()).isEqualTo(200);
    }

    @Test
    void cnStrictResidency_neverRoutesAbroad_andRefusesWhenNoDeploymentIsInCountry() {
        gateway = GatewayFixture.startWith("", """
                  global:
                    strategy: least-in-flight
                    deployments:
                      - {name: us, provider: sim-openai, model: model-us, country: US}
                      - {name: cn, provider: sim-openai, model: model-cn, country: CN}
                  abroad-only:
                    deployments:
                      - {name: us, provider: sim-openai, model: model-us, country: US}
                      - {name: de, provider: sim-openai, model: model-de, country: DE}
                """, FAST_ROUTING);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r =
                    gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                            .header("authorization", "Bearer " + GatewayFixture.KEY)
                            .header("x-meridian-residency", "CN")
                            .POST(HttpRequest.BodyPublishers.ofString(chat("global", "你好", false)))
                            .build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("cn");
        }
        HttpResponse<String> refused =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .header("x-meridian-residency", "CN")
                        .POST(HttpRequest.BodyPublishers.ofString(chat("abroad-only", "你好", false)))
                        .build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"residency_violation\"");
        assertThat(modelsReceived()).hasSize(20).containsOnly("model-cn");
    }

    @Test
    void autoModel_picksTheCheapestCandidateForTheTaskAndTier_andSaysSo() {
        gateway = GatewayFixture.startWith("", """
                  gpt-3.5-turbo:
                    provider: sim-openai
                    model: gpt-3.5-turbo
                    price: {input: 0.5, output: 1.5}
                  gemini-pro:
                    provider: sim-gemini
                    model: gemini-2.5-flash
                    price: {input: 0.3, output: 1.2}
                """, FAST_ROUTING);

        HttpResponse<String> inferred = gateway.post(
                "/v1/chat/completions", chat("auto", "Please translate this into French: good morning", false));
        HttpResponse<String> named =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .header("x-meridian-task", "code_generation")
                        .header("x-meridian-quality", "low")
                        .POST(HttpRequest.BodyPublishers.ofString(chat("auto", "hello", false)))
                        .build());

        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        assertThat(inferred.headers().firstValue("x-meridian-task")).hasValue("translation; inferred");
        assertThat(inferred.headers().firstValue("x-meridian-quality")).hasValue("medium");
        // Seed table, translation/medium: claude-3-haiku (not configured), gemini-pro.
        assertThat(inferred.headers().firstValue("x-meridian-selected-model")).hasValue("gemini-pro");
        assertThat(named.statusCode()).isEqualTo(200);
        // code_generation/low: gpt-3.5-turbo only.
        assertThat(named.headers().firstValue("x-meridian-selected-model")).hasValue("gpt-3.5-turbo");
        assertThat(gateway.get("/metrics").body())
                .contains(
                        "meridian_smart_selections_total{model=\"gemini-pro\",task=\"translation\",tier=\"medium\"} 1.0");
    }

    @Test
    void unknownResidencyRuleOrTask_isA400NamingTheHeader() {
        gateway = GatewayFixture.startWith("", "", FAST_ROUTING);

        HttpResponse<String> r =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .header("x-meridian-residency", "MARS")
                        .POST(HttpRequest.BodyPublishers.ofString(chat("gpt", "hello", false)))
                        .build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"param\":\"x-meridian-residency\"").contains("MARS");
    }
}
