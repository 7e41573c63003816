package dev.meridian.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliveredTextTest {

    @Test
    void decodedText_isCountedWithTheModelsTokenizer() {
        DeliveredText text = new DeliveredText();
        assertThat(text.isEmpty()).isTrue();
        text.append("The quick brown fox ");
        text.append("jumps over the lazy dog.");
        assertThat(text.isEmpty()).isFalse();
        assertThat(text.tokens("gpt-4o"))
                .isEqualTo(TokenCounter.count("The quick brown fox jumps over the lazy dog.", "gpt-4o"));
    }

    @Test
    void escapedJsonStrings_areUnescapedBeforeCounting() {
        byte[] chunk = "{\"content\":\"caf\\u00e9\\nline two \\\"quoted\\\"\"}".getBytes(StandardCharsets.UTF_8);
        DeliveredText text = new DeliveredText();
        text.appendJsonString(chunk, 12, chunk.length - 2);
        assertThat(text.tokens("gpt-4o")).isEqualTo(TokenCounter.count("café\nline two \"quoted\"", "gpt-4o"));
    }

    @Test
    void textBeyondWhatIsKept_isExtrapolatedAtTheKeptPartsRatio() {
        DeliveredText text = new DeliveredText();
        String sentence = "one two three four five six seven eight nine ten. ";
        int times = 4 * DeliveredText.KEPT / sentence.length();
        for (int i = 0; i < times; i++) {
            text.append(sentence);
        }
        long exact = TokenCounter.count(sentence.repeat(times), "gpt-4o");
        assertThat((double) text.tokens("gpt-4o")).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(2));
    }
}
