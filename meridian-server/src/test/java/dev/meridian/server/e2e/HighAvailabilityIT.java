package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.simulator.engine.ProviderError;
import dev.meridian.testkit.Poll;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * High availability, end to end against the simulator's fault injection: every test asserts what the caller
 * gets and where the gateway sent the traffic. Deployments of a group differ by upstream model name, so a
 * fault aimed at one model hits exactly one deployment.
 */
class HighAvailabilityIT {

    /** Two deployments; dep-b has weight 0, so dep-a is always tried first. */
    private static final String PAIR = """
              pair:
                deployments:
                  - {name: dep-a, provider: sim-openai, model: model-a}
                  - {name: dep-b, provider: sim-openai, model: model-b, weight: 0}
            """;

    private static final String FAST_ROUTING = """
            routing:
              retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 500ms}
              healthChecks: {enabled: false}
            """;

    private GatewayFixture gateway;
    private ProviderSimulator second;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static String chat(String model, String text, boolean stream) {
        return """
                {"model":"%s","stream":%s,"messages":[{"role":"user","content":"%s"}]}
                """.formatted(model, stream, text);
    }

    private List<String> modelsReceived() {
        List<String> models = new ArrayList<>();
        for (RecordedRequest r : gateway.simulator().received()) {
            if (r.path().endsWith("/chat/completions")) {
                models.add(r.bodyJson().path("model").asText());
            }
        }
        return models;
    }

    private Deployment<Route> deployment(String group, String id) {
        ModelGroup g = gateway.server().runtime().routes().group(group);
        return g.deployments().stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void oneOfTwoDeploymentsFailing_everyRequestSucceeds_andTheFailingCircuitOpens() {
        gateway = GatewayFixture.startWith("", PAIR, FAST_ROUTING);
        gateway.simulator()
                .faults()
                .enqueue(Fault.status(500).forModel("model-a").forever());

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", "hello " + i, false));
            assertThat(r.statusCode()).as("request %d: %s", i, r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("dep-b");
        }

        assertThat(deployment("pair", "dep-a").breaker().state(System.nanoTime()))
                .isEqualTo(CircuitBreaker.State.OPEN);
        // Five failures opened the circuit; after that dep-a got no traffic at all.
        assertThat(modelsReceived().stream().filter("model-a"::equals)).hasSize(5);
        assertThat(modelsReceived().stream().filter("model-b"::equals)).hasSize(20);
    }

    @Test
    void failedAttempt_isNamedInTheAttemptHeaders() {
        gateway = GatewayFixture.startWith("", PAIR, FAST_ROUTING);
        gateway.simulator().faults().enqueue(Fault.status(503).forModel("model-a"));

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", "hello", false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-attempts")).hasValue("2");
        assertThat(r.headers().firstValue("x-meridian-attempt-trace")).hasValue("dep-a:502, dep-b:200");
        assertThat(r.headers().firstValue("x-meridian-model-group")).hasValue("pair");
    }

    @Test
    void rateLimitWithRetryAfter_isWaitedOutBeforeTheRetry() {
        gateway = GatewayFixture.startWith("", """
                  solo:
                    provider: sim-openai
                    model: model-solo
                """, FAST_ROUTING);
        gateway.simulator().faults().enqueue(Fault.status(429).retryAfter(1).forModel("model-solo"));

        long start = System.nanoTime();
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("solo", "hello", false));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000);
        List<RecordedRequest> received = gateway.simulator().received();
        assertThat(received).hasSize(2);
        assertThat(Duration.between(
                        received.get(0).receivedAt(), received.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterLongerThanTheGatewayWaits_goesBackToTheCaller() {
        gateway = GatewayFixture.startWith("", """
                  solo:
                    provider: sim-openai
                    model: model-solo
                """, """
                routing:
                  retry: {maxRetryAfter: 2s}
                  healthChecks: {enabled: false}
                """);
        gateway.simulator().faults().enqueue(Fault.status(429).retryAfter(30).forModel("model-solo"));

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("solo", "hello", false));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("30");
        assertThat(gateway.simulator().received()).hasSize(1);
    }

    @Test
    void hangingDeployment_failsOverWithinTheAttemptTimeout() {
        gateway = GatewayFixture.startWith("", PAIR, FAST_ROUTING);
        gateway.simulator().faults().enqueue(Fault.hang().forModel("model-a").forever());

        long start = System.nanoTime();
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", "hello", false));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-attempt-trace")).hasValue("dep-a:504 timeout, dep-b:200");
        assertThat(elapsedMillis).isBetween(450L, 3000L);
    }

    @Test
    void streamFailingBeforeItsFirstByte_isRetriedOnAnotherDeployment() {
        gateway = GatewayFixture.startWith("", PAIR, FAST_ROUTING);
        gateway.simulator().faults().enqueue(Fault.cutAfter(0).forModel("model-a"));

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", "hello", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("dep-b");
        assertThat(r.body())
                .contains("\"finish_reason\":\"stop\"")
                .endsWith("data: [DONE]\n\n")
                .doesNotContain("\"error\"");
        assertThat(modelsReceived()).containsExactly("model-a", "model-b");
    }

    @Test
    void streamFailingAfterBytesWereSent_isNotRetried_andEndsWithAnErrorEvent() {
        gateway = GatewayFixture.startWith("", PAIR, FAST_ROUTING);
        gateway.simulator().faults().enqueue(Fault.cutAfter(2).forModel("model-a"));

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", "hello there friend", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"error\"").doesNotContain("[DONE]");
        assertThat(modelsReceived()).containsExactly("model-a");
    }

    @Test
    void serverErrors_fallBackToTheNextGroup_andSayWhy() {
        gateway = GatewayFixture.startWith("", """
                  primary:
                    provider: sim-openai
                    model: model-primary
                    fallbacks:
                      serverError: [secondary]
                  secondary:
                    provider: sim-anthropic
                    model: claude-sonnet-4-5
                """, FAST_ROUTING);
        gateway.simulator()
                .faults()
                .enqueue(Fault.status(500).forModel("model-primary").forever());

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("primary", "hello", false));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-model-group")).hasValue("secondary");
        assertThat(r.headers().firstValue("x-meridian-fallback")).hasValue("serverError");
        assertThat(r.headers().firstValue("x-meridian-attempts")).hasValue("4");
    }

    @Test
    void contextWindowExceeded_fallsBackToTheLargerContextGroup_withoutRetryingTheSameModel() {
        gateway = GatewayFixture.startWith("", """
                  small:
                    provider: sim-openai
                    model: model-small
                    fallbacks:
                      contextWindow: [large]
                  large:
                    provider: sim-gemini
                    model: gemini-2.5-pro
                """, FAST_ROUTING);
        gateway.simulator()
                .faults()
                .enqueue(Fault.error(ProviderError.CONTEXT_LENGTH).forModel("model-small"));

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("small", "a very long prompt", false));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-model-group")).hasValue("large");
        assertThat(r.headers().firstValue("x-meridian-fallback")).hasValue("contextWindow");
        assertThat(r.headers().firstValue("x-meridian-attempt-trace"))
                .hasValue("sim-openai/model-small:400, fallback:large, sim-gemini/gemini-2.5-pro:200");
    }

    @Test
    void slowFirstAttempt_isHedged_andTheFasterDeploymentWins() {
        gateway =
                GatewayFixture.startWith("", """
                  hedged:
                    deployments:
                      - {name: slow, provider: sim-openai, model: model-slow}
                      - {name: fast, provider: sim-openai, model: model-fast, weight: 0}
                    hedging: {delay: 100ms}
                """, FAST_ROUTING.replace("attemptTimeout: 500ms", "attemptTimeout: 10s"));
        gateway.simulator()
                .faults()
                .enqueue(Fault.delay(Duration.ofSeconds(3))
                        .forModel("model-slow")
                        .forever());

        long start = System.nanoTime();
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("hedged", "hello", false));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("fast");
        assertThat(r.headers().firstValue("x-meridian-hedged")).hasValue("true");
        assertThat(elapsedMillis).isLessThan(2000);
        assertThat(deployment("hedged", "slow").inFlight()).isZero();
        assertThat(gateway.get("/metrics").body())
                .contains("meridian_hedges_total{outcome=\"won_by_hedge\"} 1.0")
                .contains("outcome=\"cancelled\"");
    }

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

        call.cancel(true); // the JDK client closes the connection

        Poll.until(() -> deployment("pair", "dep-a").inFlight() == 0, "the attempt is cancelled");
        Poll.until(() -> gateway.server().runtime().admission().inFlight() == 0, "the gateway's place is freed");
        assertThat(modelsReceived()).containsExactly("model-a");
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
