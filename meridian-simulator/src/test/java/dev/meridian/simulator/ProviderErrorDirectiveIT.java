package dev.meridian.simulator;

import static dev.meridian.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.ProviderError;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code error=context_length} and {@code error=content_policy}: each protocol's real refusal. */
class ProviderErrorDirectiveIT {

    private static final String CHAT = "/v1/chat/completions";
    private static final String AZURE_CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
    private static final String MESSAGES = "/v1/messages";
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String[] OPENAI = {"Authorization", "Bearer sk-test"};
    private static final String[] AZURE = {"api-key", "k"};
    private static final String[] ANTHROPIC = {"x-api-key", "k", "anthropic-version", "2023-06-01"};
    private static final String[] GEMINI = {"x-goog-api-key", "k"};

    @RegisterExtension
    static final RunningSimulator SIM = new RunningSimulator();

    @AfterEach
    void clearFaults() {
        SIM.simulator().faults().clear();
    }

    private static String chat(String text) {
        return "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}";
    }

    private static String messages(String text) {
        return "{\"model\": \"claude-x\", \"max_tokens\": 5, \"messages\": [{\"role\": \"user\", \"content\": \"" + text
                + "\"}]}";
    }

    private static String generate(String text) {
        return "{\"contents\": [{\"parts\": [{\"text\": \"" + text + "\"}]}]}";
    }

    /** One request per protocol, all with the same text. */
    private record Answers(
            HttpResponse<String> openAi,
            HttpResponse<String> azure,
            HttpResponse<String> anthropic,
            HttpResponse<String> gemini) {}

    private static Answers ask(String text) {
        return new Answers(
                SIM.client().post(CHAT, chat(text), OPENAI),
                SIM.client().post(AZURE_CHAT, chat(text), AZURE),
                SIM.client().post(MESSAGES, messages(text), ANTHROPIC),
                SIM.client().post(GENERATE, generate(text), GEMINI));
    }

    @Test
    void contextLength_answersEachProvidersRealError() {
        Answers a = ask("Hi [sim error=context_length]");

        for (HttpResponse<String> r : List.of(a.openAi(), a.azure(), a.anthropic(), a.gemini())) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
        }
        for (JsonNode e : List.of(json(a.openAi()), json(a.azure()))) {
            assertThat(e.at("/error/code").asText()).isEqualTo("context_length_exceeded");
            assertThat(e.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(e.at("/error/param").asText()).isEqualTo("messages");
            assertThat(e.at("/error/message").asText())
                    .startsWith("This model's maximum context length is 128000 tokens.");
        }
        assertThat(json(a.anthropic()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(a.anthropic()).at("/error/message").asText())
                .matches("prompt is too long: \\d+ tokens > 200000 maximum");
        assertThat(json(a.gemini()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(a.gemini()).at("/error/message").asText())
                .matches(
                        "The input token count \\(\\d+\\) exceeds the maximum number of tokens allowed \\(1048576\\)\\.");
    }

    @Test
    void contentPolicy_answersEachProvidersRealRefusal() {
        Answers a = ask("Hi [sim error=content_policy]");
        HttpResponse<String> openAi = a.openAi();
        HttpResponse<String> azure = a.azure();
        HttpResponse<String> anthropic = a.anthropic();
        HttpResponse<String> gemini = a.gemini();

        assertThat(openAi.statusCode()).isEqualTo(400);
        assertThat(json(openAi).at("/error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(json(openAi).at("/error/message").asText()).contains("violating our usage policy");
        assertThat(azure.statusCode()).isEqualTo(400);
        assertThat(json(azure).at("/error/code").asText()).isEqualTo("content_filter");
        assertThat(json(azure).at("/error/innererror/code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(json(anthropic).at("/error/message").asText())
                .isEqualTo("Output blocked by content filtering policy");
        // Gemini has no error for this: the prompt is blocked in a 200 answer.
        assertThat(gemini.statusCode()).isEqualTo(200);
        assertThat(json(gemini).at("/promptFeedback/blockReason").asText()).isEqualTo("SAFETY");
        assertThat(json(gemini).path("candidates").isMissingNode()).isTrue();
    }

    @Test
    void queuedFaultAndControlApi_takeTheSameDirective() {
        SIM.simulator()
                .faults()
                .enqueue(Fault.error(ProviderError.CONTEXT_LENGTH).onPath(MESSAGES));
        HttpResponse<String> queued = SIM.client().post(MESSAGES, messages("Hi"), ANTHROPIC);
        assertThat(SIM.client()
                        .post("/_sim/faults", "{\"path\": \"/v1/chat\", \"error\": \"content_policy\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> controlled = SIM.client().post(CHAT, chat("Hi"), OPENAI);

        assertThat(queued.statusCode()).isEqualTo(400);
        assertThat(json(queued).at("/error/message").asText()).startsWith("prompt is too long:");
        assertThat(controlled.statusCode()).isEqualTo(400);
        assertThat(json(controlled).at("/error/code").asText()).isEqualTo("invalid_prompt");
        assertThat(SIM.client().post("/_sim/faults", "{\"error\": \"bogus\"}").statusCode())
                .isEqualTo(400);
    }
}
