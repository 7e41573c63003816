package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.server.routing.Route;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One caller's bad requests cost other callers nothing: errors the request caused (a provider's 400, 404, 413 and 422, a
 * context-window or content-policy refusal) never count against the deployment's circuit, health or back-off, so
 * requests sent alongside are served at once by the same deployment. Circuits here open after three failures, so a
 * single counted error would show.
 */
class CallerIsolationIT {

    private static final String SOLO = """
              solo:
                deployments:
                  - {name: only, provider: sim-openai, model: model-solo}
            """;

    private static final String TOUCHY_BREAKER = """
            routing:
              retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 5s}
              breaker: {consecutiveFailures: 3, errorRate: 0.5, minRequests: 3}
              healthChecks: {enabled: false}
            """;

    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String chat(String text) {
        return "{\"model\":\"solo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void twoHundredRequestsTheProviderRefuses_leaveTheDeploymentServingOthers() {
        gateway = GatewayFixture.startWith("", SOLO, TOUCHY_BREAKER);
        String[] refusals = {
            "[sim status=400]",
            "[sim status=404]",
            "[sim status=413]",
            "[sim status=422]",
            "[sim error=context_length]",
            "[sim error=content_policy]"
        };

        CompletableFuture<List<Integer>> bad = CompletableFuture.supplyAsync(() -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                statuses.add(gateway.post("/v1/chat/completions", chat(refusals[i % refusals.length] + " bad " + i))
                        .statusCode());
            }
            return statuses;
        });
        List<HttpResponse<String>> good = new ArrayList<>();
        while (!bad.isDone()) {
            good.add(gateway.post("/v1/chat/completions", chat("hello")));
        }

        assertThat(bad.join()).allMatch(s -> s >= 400 && s < 500).hasSize(200);
        assertThat(good).isNotEmpty().allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-meridian-attempts")).hasValue("1");
        });
        Deployment<Route> only =
                gateway.server().runtime().routes().group("solo").deployments().get(0);
        long now = System.nanoTime();
        assertThat(only.breaker().state(now)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(only.health().healthy()).isTrue();
        assertThat(only.backOffRemaining(now)).isZero();
        assertThat(only.available(now)).isTrue();
    }

    @Test
    void aProvider404_isTriedOnEachDeploymentOnce_andAnsweredAs404() {
        gateway = GatewayFixture.startWith("", """
                  pair:
                    deployments:
                      - {name: first, provider: sim-openai, model: model-a}
                      - {name: second, provider: sim-openai, model: model-b}
                """, """
                routing:
                  retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 5s}
                  healthChecks: {enabled: false}
                """);

        HttpResponse<String> missing = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"pair\",\"messages\":[{\"role\":\"user\",\"content\":\"[sim status=404] file-x\"}]}");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"upstream_not_found\"");
        assertThat(missing.headers().firstValue("x-meridian-attempts")).hasValue("2");
    }
}
