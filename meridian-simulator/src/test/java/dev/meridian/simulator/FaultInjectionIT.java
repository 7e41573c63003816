package dev.meridian.simulator;

import static dev.meridian.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Directives;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionIT {

    private static final String CHAT = "/v1/chat/completions";
    private static final String[] OPENAI = {"Authorization", "Bearer sk-test"};
    private static final String[] ANTHROPIC = {"x-api-key", "k", "anthropic-version", "2023-06-01"};
    private static final String[] GEMINI = {"x-goog-api-key", "k"};

    @RegisterExtension
    static final RunningSimulator SIM = new RunningSimulator();

    @AfterEach
    void clearFaults() {
        SIM.simulator().faults().clear();
    }

    private static String chat(String text, boolean stream) {
        return "{\"model\": \"gpt-4o-mini\", \"stream\": " + stream
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"" + text.replace("\"", "\\\"") + "\"}]}";
    }

    @Test
    void status_withRetryAfter_answersInEachProvidersShape() {
        HttpResponse<String> openAi = SIM.client().post(CHAT, chat("Hi [sim status=429 retry_after=2]", false), OPENAI);
        HttpResponse<String> anthropic = SIM.client()
                .post(
                        "/v1/messages",
                        "{\"model\": \"claude-x\", \"max_tokens\": 5, "
                                + "\"messages\": [{\"role\": \"user\", \"content\": \"Hi [sim status=529]\"}]}",
                        ANTHROPIC);
        HttpResponse<String> gemini = SIM.client()
                .post(
                        "/v1beta/models/gemini-2.5-flash:generateContent",
                        "{\"contents\": [{\"parts\": [{\"text\": \"Hi [sim status=503 retry_after=7]\"}]}]}",
                        GEMINI);

        assertThat(openAi.statusCode()).isEqualTo(429);
        assertThat(openAi.headers().firstValue("retry-after")).hasValue("2");
        assertThat(json(openAi).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(json(openAi).at("/error/type").asText()).isEqualTo("requests");
        assertThat(anthropic.statusCode()).isEqualTo(529);
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(gemini.statusCode()).isEqualTo(503);
        assertThat(gemini.headers().firstValue("retry-after")).hasValue("7");
        assertThat(json(gemini).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(json(gemini).at("/error/code").asInt()).isEqualTo(503);
    }

    @Test
    void delay_holdsTheResponseHeaders() {
        long start = System.nanoTime();
        HttpResponse<String> response = SIM.client().post(CHAT, chat("Hi [sim delay_ms=300]", false), OPENAI);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void hang_neverAnswers() {
        HttpRequest request = SIM.client()
                .request(CHAT, OPENAI)
                .timeout(Duration.ofMillis(400))
                .POST(HttpRequest.BodyPublishers.ofString(chat("Hi [sim hang]", false)))
                .build();

        assertThatThrownBy(() -> SIM.client().http().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void cutAfter_streamClosesAfterThatManyEvents() {
        SimClient.StreamResult openAi = SIM.client().stream(CHAT, chat("Hello there [sim cut_after=3]", true), OPENAI);
        SimClient.StreamResult anthropic = SIM.client().stream(
                "/v1/messages",
                "{\"model\": \"claude-x\", \"max_tokens\": 50, "
                        + "\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi [sim cut_after=2]\"}]}",
                ANTHROPIC);

        assertThat(openAi.response().statusCode()).isEqualTo(200);
        assertThat(openAi.events()).hasSize(3);
        assertThat(openAi.failure()).isPresent();
        assertThat(anthropic.events())
                .extracting(e -> e.event().orElseThrow())
                .containsExactly("message_start", "content_block_start");
        assertThat(anthropic.failure()).isPresent();
    }

    @Test
    void cutAfter_nonStreamSendsAPartialBody() {
        assertThatThrownBy(() -> SIM.client()
                        .http()
                        .send(
                                SIM.client()
                                        .request(CHAT, OPENAI)
                                        .POST(HttpRequest.BodyPublishers.ofString(chat("Hi [sim cut_after=10]", false)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void malformed_breaksTheBodyOrOneEvent() {
        HttpResponse<String> body = SIM.client().post(CHAT, chat("Hi [sim malformed]", false), OPENAI);
        SimClient.StreamResult stream = SIM.client().stream(CHAT, chat("Hello there [sim malformed]", true), OPENAI);

        assertThat(body.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> json(body)).isInstanceOf(RuntimeException.class);
        long broken = stream.events().stream()
                .filter(e -> !e.data().equals("[DONE]"))
                .filter(e -> {
                    try {
                        SimClient.JSON.readTree(e.data());
                        return false;
                    } catch (IOException invalid) {
                        return true;
                    }
                })
                .count();
        assertThat(broken).isEqualTo(1);
        assertThat(stream.events().get(stream.events().size() - 1).data()).isEqualTo("[DONE]");
    }

    @Test
    void chunkDelay_spacesTheEvents() {
        long start = System.nanoTime();
        SimClient.StreamResult stream =
                SIM.client().stream(CHAT, chat("Hello there [sim chunk_delay_ms=40]", true), OPENAI);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed)
                .isGreaterThanOrEqualTo(Duration.ofMillis(40L * (stream.events().size() - 1)));
    }

    @Test
    void replyTokensAndTool_shapeTheAnswer() {
        JsonNode reply = json(SIM.client().post(CHAT, chat("Hi [sim reply=\"Exactly this.\"]", false), OPENAI));
        JsonNode tokens = json(SIM.client().post(CHAT, chat("Hi [sim tokens=50]", false), OPENAI));
        JsonNode tool = json(SIM.client().post(CHAT, chat("Hi [sim tool=lookup]", false), OPENAI));

        assertThat(reply.at("/choices/0/message/content").asText()).isEqualTo("Exactly this.");
        assertThat(tokens.at("/usage/completion_tokens").asInt()).isEqualTo(50);
        assertThat(tool.at("/choices/0/message/tool_calls/0/function/name").asText())
                .isEqualTo("lookup");
        assertThat(tool.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void directiveText_isNotEchoed() {
        JsonNode body = json(SIM.client().post(CHAT, chat("Hello [sim delay_ms=1] there", false), OPENAI));

        assertThat(body.at("/choices/0/message/content").asText())
                .isEqualTo("Simulated reply from gpt-4o-mini to: Hello there");
    }

    @Test
    void unknownDirective_isRejectedLoudly() {
        HttpResponse<String> response = SIM.client().post(CHAT, chat("Hi [sim stauts=500]", false), OPENAI);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).isEqualTo("unknown sim directive 'stauts'");
    }

    @Test
    void controlApi_queuesFaultsForMatchingRequests() {
        HttpResponse<String> queued =
                SIM.client().post("/_sim/faults", "{\"path\": \"/v1/chat\", \"status\": 503, \"times\": 2}");

        assertThat(queued.statusCode()).isEqualTo(201);
        assertThat(json(queued).at("/pending/0/times").asInt()).isEqualTo(2);
        assertThat(SIM.client()
                        .post("/v1/embeddings", "{\"model\": \"e\", \"input\": \"x\"}", OPENAI)
                        .statusCode())
                .isEqualTo(200);
        assertThat(SIM.client().post(CHAT, chat("Hi", false), OPENAI).statusCode())
                .isEqualTo(503);
        assertThat(json(SIM.client().get("/_sim/faults")).at("/pending/0/times").asInt())
                .isEqualTo(1);
        assertThat(SIM.client().post(CHAT, chat("Hi", false), OPENAI).statusCode())
                .isEqualTo(503);
        assertThat(SIM.client().post(CHAT, chat("Hi", false), OPENAI).statusCode())
                .isEqualTo(200);

        SIM.client().post("/_sim/faults", "[{\"hang\": true, \"times\": -1}]");
        assertThat(SIM.client().delete("/_sim/faults").statusCode()).isEqualTo(204);
        assertThat(json(SIM.client().get("/_sim/faults")).path("pending")).isEmpty();
        assertThat(SIM.client().post("/_sim/faults", "{\"bogus\": 1}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void javaApi_faultsMatchByModelAndOverrideInlineDirectives() {
        SIM.simulator()
                .faults()
                .enqueue(
                        Fault.status(500).forModel("gpt-4o"),
                        Fault.of(Directives.NONE.withReply("from the queue"))
                                .onPath("/v1/chat")
                                .forever());

        HttpResponse<String> otherModel = SIM.client().post(CHAT, chat("Hi [sim reply=inline]", false), OPENAI);
        HttpResponse<String> matching = SIM.client()
                .post(
                        CHAT,
                        "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}",
                        OPENAI);

        assertThat(json(otherModel).at("/choices/0/message/content").asText()).isEqualTo("from the queue");
        assertThat(matching.statusCode()).isEqualTo(500);
        assertThat(json(matching).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(SIM.simulator().faults().pending()).hasSize(1);
    }
}
