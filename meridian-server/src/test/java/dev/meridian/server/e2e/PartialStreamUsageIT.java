package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.Poll;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A stream cut before the provider reports usage is still accounted: input tokens counted from the request (or
 * taken from the provider where it reported them at the start), output tokens counted from the text the caller
 * actually received, with OpenAI's tokenizer, and the record says the usage is estimated. Measured before: 0/0
 * tokens for OpenAI and Gemini, and Anthropic's placeholder output of 1.
 */
class PartialStreamUsageIT {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static final ListAppender<ILoggingEvent> ACCESS = new ListAppender<>();

    @BeforeAll
    static void start() {
        ACCESS.start();
        ((Logger) LoggerFactory.getLogger("meridian.access")).addAppender(ACCESS);
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("meridian.access")).detachAppender(ACCESS);
        gateway.close();
    }

    @BeforeEach
    void clear() {
        ACCESS.list.clear();
    }

    private record Received(String text, JsonNode logLine) {}

    private static Received cutStream(String model, String prompt) {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                        + "\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        boolean error = false;
        for (String event : r.body().split("\n\n")) {
            if (!event.startsWith("data: {")) {
                continue;
            }
            JsonNode chunk = Json.parseTrusted(event.substring(6));
            error |= chunk.has("error");
            chunk.path("choices")
                    .forEach(c -> text.append(c.path("delta").path("content").asText("")));
        }
        assertThat(error)
                .as("the cut stream ends with an error event: %s", r.body())
                .isTrue();
        assertThat(text).as("the caller received some text before the cut").isNotEmpty();
        Poll.until(() -> !ACCESS.list.isEmpty(), "the request is access-logged");
        return new Received(
                text.toString(), Json.parseTrusted(ACCESS.list.get(0).getFormattedMessage()));
    }

    @Test
    void openAiStreamCutBeforeItsUsage_countsTheRequestsInput_andTheDeliveredOutput() {
        String prompt = "Write about lighthouses, at length, for a patient reader. [sim cut_after=6]";
        Received got = cutStream("gpt", prompt);

        long input = 3 + 3 + O200K.countTokensOrdinary("user") + O200K.countTokensOrdinary(prompt);
        assertThat(got.logLine().path("input_tokens").asLong()).isEqualTo(input);
        assertThat(got.logLine().path("output_tokens").asLong()).isEqualTo(O200K.countTokensOrdinary(got.text()));
        assertThat(got.logLine().path("usage_estimated").asBoolean()).isTrue();
        String id = got.logLine().path("request_id").asText();
        Poll.until(() -> admin.get("/requests/" + id).status() == 200, "the record is stored");
        JsonNode record = admin.get("/requests/" + id).json();
        assertThat(record.path("usage_estimated").asBoolean())
                .as(record.toString())
                .isTrue();
        assertThat(record.path("input_tokens").asLong()).isEqualTo(input);
        assertThat(record.path("cost_usd").asDouble())
                .as("priced at gpt-4o-mini's catalogue price")
                .isPositive();
    }

    @Test
    void anthropicStreamCut_replacesThePlaceholderOutputOfOne_withTheDeliveredText() {
        Received got = cutStream("claude", "Write about lighthouses, at length. [sim cut_after=8]");

        assertThat(got.logLine().path("input_tokens").asLong())
                .as("Anthropic reported the input at the start")
                .isPositive();
        long output = O200K.countTokensOrdinary(got.text());
        assertThat(output).isGreaterThan(1);
        assertThat(got.logLine().path("output_tokens").asLong()).isEqualTo(output);
        assertThat(got.logLine().path("usage_estimated").asBoolean()).isTrue();
    }

    @Test
    void geminiStreamCut_countsTheDeliveredOutput() {
        Received got = cutStream("gemini", "Write about lighthouses, at length. [sim cut_after=3]");

        assertThat(got.logLine().path("input_tokens").asLong()).isPositive();
        assertThat(got.logLine().path("output_tokens").asLong()).isEqualTo(O200K.countTokensOrdinary(got.text()));
        assertThat(got.logLine().path("usage_estimated").asBoolean()).isTrue();
    }

    @Test
    void aCompleteStream_isAccountedAtTheProvidersUsage_notEstimated() {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"claude\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        Poll.until(() -> !ACCESS.list.isEmpty(), "the request is access-logged");
        JsonNode line = Json.parseTrusted(ACCESS.list.get(0).getFormattedMessage());
        assertThat(line.has("usage_estimated")).as(line.toString()).isFalse();
        assertThat(line.path("output_tokens").asLong()).isPositive();
    }
}
