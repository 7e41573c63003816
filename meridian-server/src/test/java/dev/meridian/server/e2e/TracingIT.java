package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.OtlpReceiver.Received;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry traces from a real gateway in front of the simulator, collected by an in-process OTLP/HTTP receiver:
 * a server span per request in the caller's trace, a span per pipeline stage, a client span per call to a provider,
 * and the call's {@code traceparent} received by the provider. With traces off, nothing is sent anywhere.
 */
class TracingIT {

    /** The caller's trace: W3C {@code traceparent}, sampled. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String PROMPT = "the quarterly numbers of Zyxwvu Holdings";

    /** Every stage of RequestPipeline, in order, and the attempt loop. */
    private static final List<String> STAGES = List.of(
            "authenticate",
            "read_body",
            "front_door",
            "access",
            "conversation",
            "pii",
            "residency",
            "resolve",
            "decode",
            "cache",
            "admission",
            "attempts");

    private GatewayFixture gateway;
    private OtlpReceiver receiver;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void startTraced() {
        startTraced(HighAvailabilityBase.PAIR, HighAvailabilityBase.FAST_ROUTING);
    }

    /** A gateway tracing every request to {@link #receiver}, with {@code models} and the {@code routing} section. */
    private void startTraced(String models, String routing) {
        receiver = new OtlpReceiver();
        gateway = GatewayFixture.startWith("", models, routing + """
                telemetry:
                  traces:
                    enabled: true
                    endpoint: %s
                    serviceName: meridian-it
                    flushInterval: 50ms
                """.formatted(receiver.endpoint()));
    }

    private HttpResponse<String> chat(String model, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HighAvailabilityBase.chat(model, PROMPT, false)));
        if (traceparent != null) {
            request.header("traceparent", traceparent).header("tracestate", "vendor=opaque");
        }
        return gateway.send(request.build());
    }

    private Received serverSpan(String traceId) {
        Poll.until(
                () -> receiver.trace(traceId).stream().anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER),
                "the request's server span reached the receiver");
        return receiver.trace(traceId).stream()
                .filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow();
    }

    private List<Received> children(Received parent) {
        return receiver.trace(parent.traceId()).stream()
                .filter(s -> parent.spanId().equals(s.parentSpanId()))
                .collect(Collectors.toList());
    }

    private List<Received> calls(String traceId, int count) {
        Poll.until(
                () -> receiver.trace(traceId).stream()
                                .filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT)
                                .count()
                        == count,
                count + " call span(s) reached the receiver");
        return receiver.trace(traceId).stream()
                .filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT)
                .sorted((a, b) -> a.attribute("meridian.attempt").compareTo(b.attribute("meridian.attempt")))
                .collect(Collectors.toList());
    }

    /**
     * The {@code traceparent}s the provider received, without their flags: version, trace id and parent span id.
     * Each is asserted sampled (the flags' low bit), whatever other flags the SDK sets (W3C level 2's random bit).
     */
    private List<String> traceparentsReceived() {
        List<String> received = gateway.simulator().received().stream()
                .filter(r -> r.path().endsWith("/chat/completions"))
                .map(r -> r.header("traceparent"))
                .flatMap(Optional::stream)
                .collect(Collectors.toList());
        assertThat(received).allMatch(t -> (Integer.parseInt(t.substring(t.lastIndexOf('-') + 1), 16) & 1) == 1);
        return received.stream().map(t -> t.substring(0, t.lastIndexOf('-'))).collect(Collectors.toList());
    }

    @Test
    void aRequest_isAServerSpanInTheCallersTrace_withASpanPerStage_andACallSpanWhoseContextTheProviderReceives() {
        startTraced();

        HttpResponse<String> r = chat("pair", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        Received server = serverSpan(TRACE_ID);
        assertThat(server.name()).isEqualTo("POST /v1/chat/completions");
        assertThat(server.parentSpanId()).as("the caller's span is the parent").isEqualTo(CALLER_SPAN);
        assertThat(server.resource()).containsEntry("service.name", "meridian-it");
        assertThat(server.attributes())
                .containsEntry("http.request.method", "POST")
                .containsEntry("http.route", "/v1/chat/completions")
                .containsEntry("http.response.status_code", "200")
                .containsEntry("gen_ai.request.model", "pair")
                .containsEntry("gen_ai.response.model", "model-a")
                .containsEntry("gen_ai.system", "openai")
                .containsEntry("meridian.model_group", "pair")
                .containsEntry("meridian.deployment", "dep-a")
                .containsKeys("meridian.request_id", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");
        assertThat(Long.parseLong(server.attribute("gen_ai.usage.output_tokens")))
                .isPositive();
        assertThat(server.error()).isFalse();

        Poll.until(() -> children(server).size() == STAGES.size(), "a span per stage under the server span");
        assertThat(children(server).stream().map(Received::name).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(STAGES);
        Received attempts = children(server).stream()
                .filter(s -> s.name().equals("attempts"))
                .findFirst()
                .orElseThrow();

        Received call = calls(TRACE_ID, 1).get(0);
        assertThat(call.parentSpanId()).isEqualTo(attempts.spanId());
        assertThat(call.name()).isEqualTo("chat model-a");
        assertThat(call.attributes())
                .containsEntry("meridian.deployment", "dep-a")
                .containsEntry("meridian.provider", "sim-openai")
                .containsEntry("meridian.attempt", "1")
                .containsEntry("meridian.hedge", "false")
                .containsEntry("meridian.attempt.outcome", "success")
                .containsEntry("http.response.status_code", "200")
                .containsEntry("gen_ai.system", "openai")
                .containsEntry("gen_ai.request.model", "model-a");

        // The provider got the call span's context: same trace, the call span as parent, the caller's state kept.
        assertThat(traceparentsReceived()).containsExactly("00-" + TRACE_ID + "-" + call.spanId());
        RecordedRequest sent = gateway.simulator().received().get(0);
        assertThat(sent.header("tracestate")).hasValue("vendor=opaque");

        for (Received span : receiver.trace(TRACE_ID)) {
            assertThat(span.attributes().values())
                    .as("span %s", span.name())
                    .noneMatch(v -> v.contains("Zyxwvu"))
                    .noneMatch(v -> v.contains(GatewayFixture.KEY))
                    .noneMatch(v -> v.contains(KnownSecrets.OPENAI_KEY));
        }
        assertThat(receiver.contentTypes()).allMatch("application/x-protobuf"::equals);
    }

    @Test
    void aStream_isTracedUntilRelayed_withItsUsageOnTheServerSpan() {
        startTraced();

        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                HighAvailabilityBase.chat("pair", PROMPT, true).replace("\"stream\":true", """
                        "stream":true,"stream_options":{"include_usage":true}"""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("data: [DONE]");

        Poll.until(
                () -> receiver.spans().stream().anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER),
                "the server span");
        Received server = receiver.spans().stream()
                .filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow();
        assertThat(server.attributes())
                .containsEntry("meridian.stream", "true")
                .containsEntry("http.response.status_code", "200");
        assertThat(Long.parseLong(server.attribute("gen_ai.usage.output_tokens")))
                .isPositive();
        assertThat(calls(server.traceId(), 1).get(0).attributes()).containsEntry("meridian.attempt.outcome", "success");
    }

    @Test
    void aFailover_isTwoCallSpans_eachOfWhoseContextsItsProviderReceived() {
        startTraced();
        gateway.simulator().faults().enqueue(Fault.status(503).forModel("model-a"));

        HttpResponse<String> r = chat("pair", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        // No caller context: the gateway starts the trace, its server span a root.
        Poll.until(
                () -> receiver.spans().stream().anyMatch(s -> s.kind() == SpanKind.SPAN_KIND_SERVER),
                "the server span");
        Received server = receiver.spans().stream()
                .filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)
                .findFirst()
                .orElseThrow();
        assertThat(server.parentSpanId()).isNull();
        assertThat(server.attributes()).containsEntry("meridian.deployment", "dep-b");

        List<Received> calls = calls(server.traceId(), 2);
        assertThat(calls.get(0).attributes())
                .containsEntry("meridian.deployment", "dep-a")
                .containsEntry("meridian.attempt", "1")
                .containsEntry("meridian.attempt.outcome", "serverError")
                .containsEntry("http.response.status_code", "503")
                .containsKey("error.type");
        assertThat(calls.get(0).error()).isTrue();
        assertThat(calls.get(1).attributes())
                .containsEntry("meridian.deployment", "dep-b")
                .containsEntry("meridian.attempt", "2")
                .containsEntry("meridian.attempt.outcome", "success");
        assertThat(calls.get(1).error()).isFalse();
        assertThat(traceparentsReceived())
                .containsExactly(
                        "00-" + server.traceId() + "-" + calls.get(0).spanId(),
                        "00-" + server.traceId() + "-" + calls.get(1).spanId());
    }

    @Test
    void aHedgedRequest_isTwoCallSpans_theSlowOneLostTheRace() {
        startTraced("""
                  hedged:
                    deployments:
                      - {name: slow, provider: sim-openai, model: model-slow}
                      - {name: fast, provider: sim-openai, model: model-fast, weight: 0}
                    hedging: {delay: 100ms}
                """, HighAvailabilityBase.FAST_ROUTING.replace("attemptTimeout: 500ms", "attemptTimeout: 10s"));
        gateway.simulator()
                .faults()
                .enqueue(Fault.delay(java.time.Duration.ofSeconds(3))
                        .forModel("model-slow")
                        .forever());

        HttpResponse<String> r = chat("hedged", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-hedged")).hasValue("true");

        List<Received> calls = calls(TRACE_ID, 2);
        assertThat(calls.get(0).attributes())
                .containsEntry("meridian.deployment", "slow")
                .containsEntry("meridian.hedge", "false")
                .containsEntry("meridian.attempt.outcome", "lost_race");
        assertThat(calls.get(0).error()).isFalse();
        assertThat(calls.get(1).attributes())
                .containsEntry("meridian.deployment", "fast")
                .containsEntry("meridian.hedge", "true")
                .containsEntry("meridian.attempt.outcome", "success");
        assertThat(traceparentsReceived())
                .containsExactlyInAnyOrder(
                        "00-" + TRACE_ID + "-" + calls.get(0).spanId(),
                        "00-" + TRACE_ID + "-" + calls.get(1).spanId());
    }

    @Test
    void withTracesOff_theProviderGetsNoTraceContext_notEvenTheCallers() {
        gateway = GatewayFixture.startWith("", HighAvailabilityBase.PAIR, HighAvailabilityBase.FAST_ROUTING);

        HttpResponse<String> r = chat("pair", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RecordedRequest sent = gateway.simulator().received().get(0);
        assertThat(sent.header("traceparent")).isEmpty();
        assertThat(sent.header("tracestate")).isEmpty();
    }
}
