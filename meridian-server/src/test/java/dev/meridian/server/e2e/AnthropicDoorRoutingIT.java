package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Messages door takes part in routing as chat does: a failing Anthropic deployment falls back to an OpenAI
 * one (the answer translated into Anthropic's shape, streams too), the request log records what served and what
 * it cost, the caller's {@code anthropic-beta} reaches an Anthropic provider, and wrong methods and bodies are
 * answered in Anthropic's error shape.
 */
class AnthropicDoorRoutingIT {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", """
                  claude-then-gpt:
                    provider: sim-anthropic
                    model: claude-sonnet-4-5
                    fallbacks:
                      any: [gpt]
                  claude-cached:
                    provider: sim-anthropic
                    model: claude-sonnet-4-5
                    price: {input: 500, output: 500, cachedInput: 500}
                    cache: {enabled: true, ttl: 1h}
                """, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        gateway.simulator().clearReceived();
        gateway.simulator().faults().clear();
    }

    private static HttpResponse<String> messages(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("x-api-key", GatewayFixture.KEY)
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gateway.send(b.build());
    }

    private static List<String> paths() {
        return gateway.simulator().received().stream()
                .map(RecordedRequest::path)
                .toList();
    }

    @Test
    void failingAnthropicDeployment_fallsBackToOpenAi_answeringInAnthropicsShape() {
        gateway.simulator().faults().enqueue(Fault.status(500).forModel("claude-sonnet-4-5"));

        HttpResponse<String> r = messages(
                "/v1/messages",
                "{\"model\":\"claude-then-gpt\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"fall back\"}]}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode message = Json.parseTrusted(r.body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("content").get(0).path("text").asText()).contains("fall back");
        assertThat(message.path("usage").path("output_tokens").asLong()).isPositive();
        assertThat(r.headers().firstValue("x-meridian-provider")).hasValue("sim-openai");
        assertThat(paths()).containsExactly("/v1/messages", "/v1/chat/completions");

        String id = r.headers().firstValue("x-request-id").orElseThrow();
        AdminClient admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        Poll.until(() -> admin.get("/requests/" + id).status() == 200, Duration.ofSeconds(5), "the record arrives");
        JsonNode record = admin.get("/requests/" + id).json();
        assertThat(record.path("status").asInt()).as(record.toString()).isEqualTo(200);
        assertThat(record.path("model_asked").asText()).isEqualTo("claude-then-gpt");
        assertThat(record.path("provider").asText()).isEqualTo("sim-openai");
        assertThat(record.path("attempts").asInt()).isEqualTo(2);
        assertThat(record.path("fallbacks").asInt()).isEqualTo(1);
        assertThat(record.path("input_tokens").asLong()).isPositive();
        assertThat(record.path("output_tokens").asLong())
                .isEqualTo(message.path("usage").path("output_tokens").asLong());
    }

    @Test
    void failingAnthropicDeployment_fallsBackToOpenAi_streamingAnthropicsEvents() {
        gateway.simulator().faults().enqueue(Fault.status(503).forModel("claude-sonnet-4-5"));

        HttpResponse<String> r = messages(
                "/v1/messages",
                "{\"model\":\"claude-then-gpt\",\"max_tokens\":64,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"stream after falling back\"}]}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(r.body())
                .startsWith("event: message_start\n")
                .contains("event: content_block_delta\n")
                .contains("\"stop_reason\":\"end_turn\"")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(paths()).containsExactly("/v1/messages", "/v1/chat/completions");
    }

    @Test
    void responseCache_answersARepeatedRequest_asJsonAndAsAReplayedStream() {
        String body = "{\"model\":\"claude-cached\",\"max_tokens\":64,\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"cache me " + System.nanoTime() + "\"}]}";
        HttpResponse<String> first = messages("/v1/messages", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-meridian-cache"))
                .hasValueSatisfying(v -> assertThat(v).isIn("miss", "stored"));

        Poll.until(
                () -> messages("/v1/messages", body)
                        .headers()
                        .firstValue("x-meridian-cache")
                        .orElse("")
                        .equals("hit"),
                Duration.ofSeconds(5),
                "the answer is stored");
        int upstream = gateway.simulator().received().size();
        HttpResponse<String> hit = messages("/v1/messages", body);
        assertThat(Json.parseTrusted(hit.body())).isEqualTo(Json.parseTrusted(first.body()));

        HttpResponse<String> replay =
                messages("/v1/messages", body.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));
        assertThat(replay.headers().firstValue("x-meridian-cache")).hasValue("hit");
        assertThat(replay.body())
                .startsWith("event: message_start\n")
                .contains("\"type\":\"text_delta\"", "cache me")
                .endsWith("data: {\"type\":\"message_stop\"}\n\n");
        assertThat(gateway.simulator().received()).as("hits reach no provider").hasSize(upstream);
    }

    @Test
    void callersBetaHeader_reachesAnAnthropicProvider_withTheBodyAsItCame() {
        String body = "{\"model\":\"claude\",\"max_tokens\":64,\"service_tier\":\"auto\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"beta please\"}]}";
        HttpResponse<String> r = messages("/v1/messages", body, "anthropic-beta", "interleaved-thinking-2025-05-14");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RecordedRequest sent = gateway.simulator().received().get(0);
        assertThat(sent.header("anthropic-beta")).hasValue("interleaved-thinking-2025-05-14");
        assertThat(sent.header("x-api-key"))
                .hasValueSatisfying(k -> assertThat(k).isNotEqualTo(GatewayFixture.KEY));
        assertThat(sent.bodyJson().path("service_tier").asText()).isEqualTo("auto");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void countTokens_forAnOpenAiModel_isCountedByTheGatewayWithoutACall() {
        HttpResponse<String> r = messages(
                "/v1/messages/count_tokens",
                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.parseTrusted(r.body()).path("input_tokens").asLong()).isBetween(5L, 20L);
        assertThat(gateway.simulator().received()).isEmpty();
    }

    @Test
    void wrongMethod_andMalformedBody_areAnthropicErrors() {
        HttpResponse<String> get = gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/messages"))
                .header("x-api-key", GatewayFixture.KEY)
                .GET()
                .build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(Json.parseTrusted(get.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");

        HttpResponse<String> batches = messages("/v1/messages/batches", "{\"requests\":[]}");
        assertThat(batches.statusCode()).isEqualTo(404);
        assertThat(Json.parseTrusted(batches.body()).path("error").path("type").asText())
                .isEqualTo("not_found_error");

        HttpResponse<String> bad = messages("/v1/messages", "{\"model\":\"claude\",\"messages\":[}");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = Json.parseTrusted(bad.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");

        HttpResponse<String> noMax = messages(
                "/v1/messages", "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(noMax.statusCode()).isEqualTo(400);
        assertThat(noMax.body()).contains("max_tokens");
        assertThat(gateway.simulator().received()).isEmpty();
    }
}
