package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad input and every provider failure gets a clear OpenAI-shaped error with the right status, and the
 * gateway keeps serving afterwards.
 */
class GatewayErrorsIT {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void stillServing() {
        HttpResponse<String> ok = gateway.post("/v1/chat/completions", chat("gpt", "still there?", false));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    private static String chat(String model, String prompt, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    private static JsonNode error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Json.parseTrusted(response.body());
        JsonNode error = body.get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code"))
                .isTrue();
        return error;
    }

    @Test
    void malformedJson_is400InvalidJson() {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", "{\"model\": \"gpt\", \"messages\": [");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("code").asText()).isEqualTo("invalid_json");
    }

    @Test
    void missingField_is400NamingIt() {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", "{\"model\": \"gpt\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("param").asText()).isEqualTo("messages");
    }

    @Test
    void mistypedField_is400NamingIt() {
        HttpResponse<String> r =
                gateway.post("/v1/chat/completions", "{\"model\": \"gpt\", \"stream\": \"yes\", \"messages\": []}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = error(r);
        assertThat(e.get("param").asText()).isEqualTo("stream");
        assertThat(e.get("message").asText()).contains("expected a boolean");
    }

    @Test
    void mistypedNestedField_onTranslatedRoute_is400NamingThePath() {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\": \"claude\", \"messages\": [{\"role\": \"user\", \"content\": 42}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("param").asText()).isEqualTo("messages[0].content");
    }

    @Test
    void untranslatableParameter_is400NamingIt() {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\": \"claude\", \"seed\": 7, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = error(r);
        assertThat(e.get("code").asText()).isEqualTo("unsupported_parameter");
        assertThat(e.get("param").asText()).isEqualTo("seed");
    }

    @Test
    void invalidUtf8_is400() {
        byte[] body = chat("gpt", "caf__", false).getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("__");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;
        HttpResponse<String> r = gateway.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("code").asText()).isEqualTo("invalid_encoding");
    }

    @Test
    void bodyOverLimit_is413_withOrWithoutContentLength() {
        String big = chat("gpt", "x".repeat(70 * 1024), false);
        HttpResponse<String> declared = gateway.post("/v1/chat/completions", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(error(declared).get("code").asText()).isEqualTo("request_too_large");

        HttpResponse<String> chunked =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                        .build());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void modelNamesCallersMakeUp_areNeverAMetricLabel() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = gateway.post(
                    "/v1/chat/completions",
                    "{\"model\":\"made-up-" + i + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(404);
        }

        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).doesNotContain("made-up-");
        assertThat(metrics)
                .contains(
                        "meridian_requests_total{model=\"unknown\",operation=\"chat\",provider=\"none\",status=\"404\"}");
    }

    @Test
    void unknownRouteAndWrongMethod_areOpenAiErrors() {
        HttpResponse<String> missing = gateway.post("/v1/nothing-here", "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing).get("code").asText()).isEqualTo("not_found");

        HttpResponse<String> wrongMethod = gateway.get("/v1/chat/completions");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        error(wrongMethod);
    }

    @Test
    void headerAbuse_is431InOpenAiShape() throws Exception {
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", gateway.server().port())) {
            String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Junk: " + "a".repeat(40_000)
                    + "\r\nContent-Length: 2\r\n\r\n{}";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 431").contains("\"code\":\"request_header_fields_too_large\"");
        }
    }

    @Test
    void malformedHttp_is400InOpenAiShape() throws Exception {
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", gateway.server().port())) {
            socket.getOutputStream()
                    .write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"type\":\"invalid_request_error\"");
        }
    }

    @Test
    void missingKey_is401() {
        HttpResponse<String> r =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(chat("gpt", "hi", false)))
                        .build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r).get("code").asText()).isEqualTo("invalid_api_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void upstream5xx_is502NamingTheProvider(String model) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat(model, "hi [sim status=500]", false));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).get("message").asText()).contains("sim-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void upstream400_keepsItsStatusAndMessage(String model) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat(model, "hi [sim status=400]", false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("message").asText()).isNotBlank();
    }

    @Test
    void upstreamMalformedJson_is502() {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("gpt", "hi [sim malformed]", false));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).get("code").asText()).isEqualTo("upstream_error");
    }

    @Test
    void upstreamHang_is504WithinTheFirstByteTimeout() {
        long start = System.nanoTime();
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("hasty", "hi [sim hang]", false));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(error(r).get("code").asText()).isEqualTo("upstream_timeout");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void streamStalledMidway_endsWithAnErrorEventWithinTheIdleTimeout() {
        HttpResponse<String> r =
                gateway.post("/v1/chat/completions", chat("hasty", "hi [sim chunk_delay_ms=3000]", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lastEvent(r.body())).contains("\"error\"").contains("upstream_timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void streamCutMidway_endsWithAnErrorEventAndCloses(String model) {
        HttpResponse<String> r =
                gateway.post("/v1/chat/completions", chat(model, "tell me more [sim cut_after=3]", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("[DONE]");
        assertThat(lastEvent(r.body())).contains("\"error\"").contains("upstream_error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void streamWithMalformedEvent_endsWithAnErrorEvent(String model) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat(model, "hi [sim malformed]", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lastEvent(r.body())).contains("\"error\"");
    }

    @Test
    void upstreamErrorBeforeStreamStarts_isAPlainErrorResponse() {
        HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("claude", "hi [sim status=529]", true));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(error(r).get("message").asText()).contains("sim-anthropic");
    }

    private static String lastEvent(String sse) {
        String[] events = sse.strip().split("\n\n");
        return events[events.length - 1];
    }
}
