package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.simulator.engine.ProviderError;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * High availability, end to end against the simulator's fault injection: failover, retries, fallbacks and hedging.
 * Every test asserts what the caller gets and where the gateway sent the traffic. Deployments of a group differ by
 * upstream model name, so a fault aimed at one model hits exactly one deployment. Health, load and placement are in
 * {@link LoadAndPlacementIT}.
 */
class HighAvailabilityIT extends HighAvailabilityBase {

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
}
