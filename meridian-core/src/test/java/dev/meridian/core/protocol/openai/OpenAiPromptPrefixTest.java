package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.inbound.PromptPrefix;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiPromptPrefixTest {

    private static final String SYSTEM = "You review leases. ".repeat(300);

    private static byte[] chat(String system, String last) {
        return ("{\"model\":\"gpt\",\"messages\":[{\"role\":\"system\",\"content\":\"" + system + "\"},"
                        + "{\"role\":\"user\",\"content\":\"" + last + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void read_sameSystemPromptOtherQuestion_samePrefix() {
        PromptPrefix a = OpenAiPromptPrefix.read(chat(SYSTEM, "Is the garden shared?"), 4096);
        PromptPrefix b = OpenAiPromptPrefix.read(chat(SYSTEM, "Who pays for repairs?"), 4096);

        assertThat(a).isNotNull();
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(a.cacheKey("tenant-1")).isEqualTo(b.cacheKey("tenant-1")).matches("mrd-[0-9a-f]{32}");
    }

    @Test
    void read_otherSystemPrompt_otherPrefix() {
        PromptPrefix a = OpenAiPromptPrefix.read(chat(SYSTEM, "q"), 4096);
        PromptPrefix b = OpenAiPromptPrefix.read(chat(SYSTEM + "Be brief.", "q"), 4096);

        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void cacheKey_otherTenantSamePrefix_otherKey() {
        PromptPrefix p = OpenAiPromptPrefix.read(chat(SYSTEM, "q"), 4096);

        assertThat(p.cacheKey("tenant-1")).isNotEqualTo(p.cacheKey("tenant-2"));
    }

    @Test
    void read_shortPrefixOrSingleMessage_none() {
        assertThat(OpenAiPromptPrefix.read(chat("Be brief.", "q".repeat(5000)), 4096))
                .isNull();
        byte[] single = ("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"" + SYSTEM + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(OpenAiPromptPrefix.read(single, 4096)).isNull();
    }
}
