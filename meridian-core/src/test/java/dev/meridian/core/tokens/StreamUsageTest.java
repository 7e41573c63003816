package dev.meridian.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamUsageTest {

    private static final String PROMPT = "Tell me a story about a lighthouse keeper and a storm.";
    private static final ChatRequest REQUEST = OpenAiRequestDecoder.decodeChat(
            ("{\"model\":\"gpt\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8));

    private static DeliveredText delivered(String text) {
        DeliveredText d = new DeliveredText();
        d.append(text);
        return d;
    }

    @Test
    void aCompletedStreamWithUsage_isAccountedAtTheProvidersUsage() {
        Usage reported = new Usage(20, 9, 0, 0, 0);
        StreamUsage u = StreamUsage.settle(reported, true, delivered("Once upon a time"), () -> REQUEST, "gpt-4o");
        assertThat(u).isEqualTo(new StreamUsage(reported, false));
    }

    @Test
    void aCutOpenAiStream_countsTheInputFromTheRequest_andTheOutputFromWhatTheCallerReceived() {
        StreamUsage u =
                StreamUsage.settle(null, false, delivered("Once upon a time, a keeper"), () -> REQUEST, "gpt-4o");
        long input = 3 + 3 + TokenCounter.count("user", "gpt-4o") + TokenCounter.count(PROMPT, "gpt-4o");
        assertThat(u.estimated()).isTrue();
        assertThat(u.usage().inputTokens()).isEqualTo(input);
        assertThat(u.usage().outputTokens()).isEqualTo(TokenCounter.count("Once upon a time, a keeper", "gpt-4o"));
    }

    @Test
    void aCutAnthropicStream_keepsTheReportedInput_andReplacesTheOutputPlaceholder() {
        Usage messageStart = new Usage(31, 1, 12, 0, 0);
        StreamUsage u = StreamUsage.settle(
                messageStart, false, delivered("Once upon a time, a keeper"), () -> REQUEST, "claude-sonnet-4-5");
        assertThat(u.estimated()).isTrue();
        assertThat(u.usage().inputTokens()).isEqualTo(31);
        assertThat(u.usage().cachedInputTokens()).isEqualTo(12);
        assertThat(u.usage().outputTokens())
                .isEqualTo(TokenCounter.count("Once upon a time, a keeper", "claude-sonnet-4-5"));
    }

    @Test
    void aCompletedStreamWithoutUsage_isEstimatedToo() {
        StreamUsage u = StreamUsage.settle(null, true, delivered("Done."), () -> REQUEST, "llama3.1");
        assertThat(u.estimated()).isTrue();
        assertThat(u.usage().outputTokens()).isEqualTo(TokenCounter.count("Done.", "llama3.1"));
    }

    @Test
    void aRequestThatCannotBeDecoded_countsNoInput_ratherThanFailing() {
        StreamUsage u = StreamUsage.settle(
                null,
                false,
                delivered("x"),
                () -> {
                    throw new IllegalStateException("undecodable");
                },
                "gpt-4o");
        assertThat(u.usage().inputTokens()).isZero();
    }
}
