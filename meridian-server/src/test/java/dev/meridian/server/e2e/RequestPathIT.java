package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.server.attempt.AttemptHook;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.simulator.Fault;
import dev.meridian.testkit.Poll;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request path's seams, end to end: every call to a deployment passes the attempt hooks (retries and hedged
 * losers included, each settled once), a hook can refuse before anything is sent, and a malformed body is refused
 * at the front door before admission, a breaker or a deployment sees it.
 */
class RequestPathIT {

    /** Two deployments; dep-b has weight 0, so dep-a is always tried first. */
    private static final String PAIR = """
              pair:
                deployments:
                  - {name: dep-a, provider: sim-openai, model: model-a}
                  - {name: dep-b, provider: sim-openai, model: model-b, weight: 0}
              translated:
                deployments:
                  - {name: dep-claude, provider: sim-anthropic, model: claude-test}
            """;

    private static final String ROUTING = """
            routing:
              retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 10s}
              healthChecks: {enabled: false}
            """;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A hook that writes down what it is told, as {@code before dep-a} and {@code after dep-a FAILED 502}. */
    private final class Recorder implements AttemptHook {
        @Override
        public Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
            seen.add("before " + attempt.deployment() + (attempt.hedge() ? " hedge" : ""));
            return Future.succeededFuture();
        }

        @Override
        public void after(RequestContext ctx, AttemptInfo attempt, Result result, Usage usage, GatewayException error) {
            seen.add("after " + attempt.deployment() + " " + result + (error == null ? "" : " " + error.status())
                    + (usage == null ? "" : " tokens=" + usage.totalTokens()));
        }
    }

    private static String chat(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"messages":[{"role":"user","content":"hello"}]}
                """.formatted(model, stream);
    }

    @Test
    void attemptHooks_seeTheFailedAttemptAndTheRetry_eachSettledOnce() {
        gateway = GatewayFixture.startWith("", PAIR, ROUTING);
        gateway.server().runtime().attemptHooks().add(new Recorder());
        gateway.simulator().faults().enqueue(Fault.status(503).forModel("model-a"));

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", false));

        assertThat(r.statusCode()).isEqualTo(200);
        Poll.until(() -> seen.size() == 4, "the winning attempt is settled");
        assertThat(seen.subList(0, 3)).containsExactly("before dep-a", "after dep-a FAILED 502", "before dep-b");
        assertThat(seen.get(3)).startsWith("after dep-b SUCCEEDED tokens=");
    }

    @Test
    void attemptHooks_settleAStreamOnceItEnded_withItsUsage() {
        gateway = GatewayFixture.startWith("", PAIR, ROUTING);
        gateway.server().runtime().attemptHooks().add(new Recorder());

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
        Poll.until(() -> seen.size() == 2, "the stream is settled");
        assertThat(seen.get(0)).isEqualTo("before dep-a");
        assertThat(seen.get(1)).matches("after dep-a SUCCEEDED tokens=[1-9][0-9]*");
    }

    @Test
    void attemptHooks_settleAHedgedLoserAsCancelled() {
        gateway = GatewayFixture.startWith("", """
                  hedged:
                    deployments:
                      - {name: slow, provider: sim-openai, model: model-slow}
                      - {name: fast, provider: sim-openai, model: model-fast, weight: 0}
                    hedging: {delay: 100ms}
                """, ROUTING);
        gateway.server().runtime().attemptHooks().add(new Recorder());
        gateway.simulator()
                .faults()
                .enqueue(Fault.delay(Duration.ofSeconds(3))
                        .forModel("model-slow")
                        .forever());

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("hedged", false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("fast");
        Poll.until(() -> seen.size() == 4, "both attempts are settled");
        // The loser's call was sent: its prompt is billed, estimated at a token per four bytes of the body.
        long prompt = chat("hedged", false).getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 4;
        assertThat(seen).contains("before slow", "before fast hedge", "after slow CANCELLED tokens=" + prompt);
        assertThat(seen).anyMatch(s -> s.startsWith("after fast SUCCEEDED"));
    }

    @Test
    void attemptHook_thatRefuses_stopsTheRequestBeforeAnythingIsSent() {
        gateway = GatewayFixture.startWith("", PAIR, ROUTING);
        gateway.server().runtime().attemptHooks().add(new AttemptHook() {
            @Override
            public Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
                return Future.failedFuture(
                        GatewayException.builder(ErrorCode.RATE_LIMITED, "Budget exhausted for this test.")
                                .retryAfter("7")
                                .build());
            }
        });

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", false));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("7");
        assertThat(r.body()).contains("Budget exhausted for this test.");
        assertThat(gateway.simulator().received()).isEmpty();
    }

    @Test
    void malformedBody_isRefusedAtTheFrontDoor_beforeAnyAttempt() {
        gateway = GatewayFixture.startWith("", PAIR, ROUTING);
        gateway.server().runtime().attemptHooks().add(new Recorder());

        // Pass-through group: not JSON at all, then valid JSON whose third message has a number for content; then a
        // translated group: a message whose content is a number.
        HttpResponse<String> notJson = gateway.post("/v1/chat/completions", "{\"model\":\"pair\",\"messages\":[");
        HttpResponse<String> passThroughBadContent = gateway.post("/v1/chat/completions", """
                {"model":"pair","messages":[{"role":"system","content":"be brief"},
                  {"role":"user","content":"hi"},{"role":"user","content":42}],"x_vendor":{"kept":true}}""");
        HttpResponse<String> badContent = gateway.post(
                "/v1/chat/completions", "{\"model\":\"translated\",\"messages\":[{\"role\":\"user\",\"content\":5}]}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(passThroughBadContent.statusCode()).isEqualTo(400);
        assertThat(Json.parseTrusted(passThroughBadContent.body()).path("error"))
                .isEqualTo(Json.parseTrusted("""
                        {"message":"Invalid type for 'messages[2].content': expected a string or an array of content\
                         parts, but got an integer.","type":"invalid_request_error","param":"messages[2].content",\
                        "code":"invalid_request"}"""));
        assertThat(badContent.statusCode()).isEqualTo(400);
        assertThat(badContent.body()).contains("\"param\":\"messages[0].content\"");
        assertThat(seen).as("no attempt was made").isEmpty();
        assertThat(gateway.simulator().received()).isEmpty();
        assertThat(gateway.server().runtime().admission().inFlight()).isZero();
        assertThat(gateway.server()
                        .runtime()
                        .routes()
                        .group("translated")
                        .deployments()
                        .get(0)
                        .breaker()
                        .allowsTraffic(System.nanoTime()))
                .isTrue();
    }

    @Test
    void attemptHook_answeringLaterFromAnotherThread_isWaitedFor_andTheCallGoesAhead() {
        gateway = GatewayFixture.startWith("", PAIR, ROUTING);
        List<String> threads = new CopyOnWriteArrayList<>();
        gateway.server().runtime().attemptHooks().add(new AttemptHook() {
            @Override
            public Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
                Promise<Void> later = Promise.promise();
                new Thread(() -> later.complete(), "budget-store").start(); // as a Redis client would
                return later.future();
            }

            @Override
            public void after(
                    RequestContext ctx, AttemptInfo attempt, Result result, Usage usage, GatewayException error) {
                threads.add(result + " on " + Thread.currentThread().getName());
            }
        });

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", false));

        assertThat(r.statusCode()).isEqualTo(200);
        Poll.until(() -> threads.size() == 1, "the call is settled");
        assertThat(threads.get(0)).startsWith("SUCCEEDED on vert.x-eventloop-thread-");
    }

    @Test
    void attemptHook_thatNeverAnswers_endsTheRequestAtItsDeadline_withNothingSent() {
        gateway = GatewayFixture.startWith("", PAIR, """
                routing:
                  retry: {maxAttempts: 3, deadline: 300ms, attemptTimeout: 10s}
                  healthChecks: {enabled: false}
                """);
        gateway.server().runtime().attemptHooks().add(new AttemptHook() {
            @Override
            public Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
                return Promise.<Void>promise().future();
            }
        });

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", false));

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("An attempt hook did not answer within the request deadline");
        assertThat(gateway.simulator().received()).isEmpty();
        assertThat(gateway.server().runtime().admission().inFlight()).isZero();
    }

    @Test
    void attemptHooks_whenALaterOneRefuses_theEarlierOnesAreToldTheCallWasCancelled() {
        gateway = GatewayFixture.startWith("", PAIR, ROUTING);
        gateway.server().runtime().attemptHooks().add(new Recorder());
        gateway.server().runtime().attemptHooks().add(new AttemptHook() {
            @Override
            public Future<Void> before(RequestContext ctx, AttemptInfo attempt) {
                return Future.failedFuture(
                        GatewayException.builder(ErrorCode.RATE_LIMITED, "Too many tokens this minute.")
                                .build());
            }
        });

        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("pair", false));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(seen).containsExactly("before dep-a", "after dep-a CANCELLED");
        assertThat(gateway.simulator().received()).isEmpty();
    }
}
