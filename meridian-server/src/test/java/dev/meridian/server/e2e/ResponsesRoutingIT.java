package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.simulator.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Responses door takes part in retries, fallbacks and hedging like chat completions, and a stored conversation
 * survives a move between providers: a response answered by Anthropic after OpenAI failed is continued by OpenAI's
 * own Responses API. The response cache never answers it (each response is new, with its own id).
 */
class ResponsesRoutingIT {

    private static final String ROUTING = """
            routing:
              retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 10s}
              healthChecks: {enabled: false}
            """;

    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseTrusted(r.body());
    }

    private static String text(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.path("output")) {
            for (JsonNode part : item.path("content")) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    @Test
    void failover_toAnotherProtocol_thenTheConversationContinuesOnTheFirst() {
        gateway = GatewayFixture.startWith("", """
                  mixed:
                    deployments:
                      - {name: openai, provider: sim-openai, model: model-a}
                      - {name: anthropic, provider: sim-anthropic, model: claude-sonnet-4-5, weight: 0}
                """, ROUTING);
        gateway.simulator().faults().enqueue(Fault.status(503).forModel("model-a"));

        HttpResponse<String> first = gateway.post("/v1/responses", "{\"model\":\"mixed\",\"input\":\"Name a colour\"}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-meridian-attempt-trace")).hasValue("openai:502, anthropic:200");
        String id = json(first).path("id").asText();

        HttpResponse<String> second = gateway.post(
                "/v1/responses",
                "{\"model\":\"mixed\",\"previous_response_id\":\"" + id + "\",\"input\":\"And another\"}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-meridian-deployment")).hasValue("openai");
        String sent = gateway.simulator()
                .received()
                .get(gateway.simulator().received().size() - 1)
                .bodyText();
        assertThat(sent).contains("Name a colour").contains(text(json(first))).contains("And another");
    }

    @Test
    void cachedGroup_neverAnswersAResponsesRequestFromTheCache() {
        gateway = GatewayFixture.startWith("", """
                  cached:
                    provider: sim-anthropic
                    model: claude-sonnet-4-5
                    cache: {enabled: true, ttl: 1h, maxTemperature: 2}
                """, ROUTING);
        String body = "{\"model\":\"cached\",\"input\":\"same question\",\"temperature\":0}";

        HttpResponse<String> first = gateway.post("/v1/responses", body);
        HttpResponse<String> second = gateway.post("/v1/responses", body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-meridian-cache")).isEmpty();
        assertThat(json(second).path("id").asText())
                .isNotEqualTo(json(first).path("id").asText());
        assertThat(gateway.simulator().received()).hasSize(2);
        HttpResponse<String> chat = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"cached\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.headers().firstValue("x-meridian-cache"))
                .as("the group is cached for chat")
                .isPresent();
    }

    @Test
    void slowStream_isHedged_andTheWinnersAnswerIsStored() {
        gateway = GatewayFixture.startWith("", """
                  hedged:
                    deployments:
                      - {name: slow, provider: sim-openai, model: model-slow}
                      - {name: fast, provider: sim-anthropic, model: claude-sonnet-4-5, weight: 0}
                    hedging: {delay: 100ms}
                """, ROUTING);
        gateway.simulator()
                .faults()
                .enqueue(Fault.delay(Duration.ofSeconds(3))
                        .forModel("model-slow")
                        .forever());

        HttpResponse<String> r =
                gateway.post("/v1/responses", "{\"model\":\"hedged\",\"input\":\"hedge me\",\"stream\":true}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("fast");
        assertThat(r.headers().firstValue("x-meridian-hedged")).hasValue("true");
        String completed = r.body()
                .lines()
                .filter(l -> l.startsWith("data: ") && l.contains("\"response.completed\""))
                .findFirst()
                .orElseThrow();
        JsonNode response = Json.parseTrusted(completed.substring(6)).path("response");
        String id = response.path("id").asText();
        dev.meridian.testkit.Poll.until(
                () -> gateway.get("/v1/responses/" + id).statusCode() == 200, "the streamed response is stored");
        assertThat(text(json(gateway.get("/v1/responses/" + id))))
                .isEqualTo(text(response))
                .contains("hedge me");
    }
}
