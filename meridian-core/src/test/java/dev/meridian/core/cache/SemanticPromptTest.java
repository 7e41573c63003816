package dev.meridian.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SemanticPromptTest {

    private static SemanticPrompt prompt(String body, String group) {
        return OpenAiChatProtocol.INSTANCE
                .read(body.getBytes(StandardCharsets.UTF_8))
                .semanticPrompt(group);
    }

    private static final String BASE = """
            {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},\
            {"role":"user","content":[{"type":"text","text":"What is the capital of France?"}]}],\
            "temperature":0.2,"tools":[{"type":"function","function":{"name":"f"}}]}""";

    @Test
    void of_textIsEachMessageWithItsRole() {
        assertThat(prompt(BASE, "gpt").text()).isEqualTo("system: Be brief.\nuser: What is the capital of France?");
    }

    @Test
    void of_restIgnoresTheWordingOnly() {
        String reworded = BASE.replace("What is the capital of France?", "Which city is France's capital?");
        assertThat(prompt(reworded, "gpt").restSha256())
                .isEqualTo(prompt(BASE, "gpt").restSha256());
        assertThat(prompt(reworded, "gpt").text())
                .isNotEqualTo(prompt(BASE, "gpt").text());
    }

    @Test
    void of_restChangesWithEveryOtherAnswerChangingField() {
        String rest = prompt(BASE, "gpt").restSha256();
        assertThat(prompt(BASE.replace("0.2", "0.3"), "gpt").restSha256()).isNotEqualTo(rest);
        assertThat(prompt(BASE.replace("\"name\":\"f\"", "\"name\":\"g\""), "gpt")
                        .restSha256())
                .isNotEqualTo(rest);
        assertThat(prompt(BASE, "other-group").restSha256()).isNotEqualTo(rest);
        assertThat(prompt(BASE.replace("\"role\":\"system\"", "\"role\":\"developer\""), "gpt")
                        .restSha256())
                .isNotEqualTo(rest);
        // The stream flag and the user do not change the answer, as for the exact key.
        assertThat(prompt(BASE.replace("{\"model\"", "{\"stream\":true,\"user\":\"u1\",\"model\""), "gpt")
                        .restSha256())
                .isEqualTo(rest);
    }

    @Test
    void of_restDiffersFromTheExactKey() {
        String body = BASE;
        assertThat(prompt(body, "gpt").restSha256())
                .isNotEqualTo(OpenAiChatProtocol.INSTANCE
                        .read(body.getBytes(StandardCharsets.UTF_8))
                        .fingerprint("gpt")
                        .sha256());
    }
}
