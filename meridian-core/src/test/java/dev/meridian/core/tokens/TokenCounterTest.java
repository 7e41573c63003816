package dev.meridian.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    @Test
    void openAiModels_areCountedWithTheirOwnEncoding() {
        assertThat(TokenCounter.typeFor("gpt-4o-mini")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.typeFor("gpt-4.1-2025-04-14")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.typeFor("o4-mini")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.typeFor("gpt-5")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.typeFor("gpt-4-turbo")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounter.typeFor("gpt-3.5-turbo")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounter.typeFor("openai/gpt-4")).isEqualTo(EncodingType.CL100K_BASE);
        assertThat(TokenCounter.typeFor("text-embedding-3-small")).isEqualTo(EncodingType.CL100K_BASE);
    }

    @Test
    void otherProviders_areApproximatedWithO200k() {
        assertThat(TokenCounter.typeFor("claude-sonnet-4-5")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.typeFor("gemini-2.5-flash")).isEqualTo(EncodingType.O200K_BASE);
        assertThat(TokenCounter.typeFor(null)).isEqualTo(EncodingType.O200K_BASE);
    }

    @Test
    void count_isTheTokenizersCount() {
        // OpenAI's tokenizer page: "hello world" is two tokens in both encodings.
        assertThat(TokenCounter.count("hello world", "gpt-4o")).isEqualTo(2);
        assertThat(TokenCounter.count("hello world", "gpt-4")).isEqualTo(2);
        assertThat(TokenCounter.count("", "gpt-4o")).isZero();
        assertThat(TokenCounter.count(null, "gpt-4o")).isZero();
    }

    @Test
    void specialTokenTextInAPrompt_isCountedAsOrdinaryText_neverRefused() {
        assertThat(TokenCounter.count("<|endoftext|>", "gpt-4o")).isGreaterThan(1);
    }
}
