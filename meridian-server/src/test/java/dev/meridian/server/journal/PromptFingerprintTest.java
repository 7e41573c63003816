package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromptFingerprintTest {

    @Test
    void of_isXxh3_andNeverChangesForABody_soStoredFingerprintsStayComparable() {
        assertThat(PromptFingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(0x78af5f94892f3950L);
    }

    @Test
    void of_identicalBodiesAgree_differentBodiesDiffer() {
        byte[] a = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"ho\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(PromptFingerprint.of(a)).isEqualTo(PromptFingerprint.of(a.clone()));
        assertThat(PromptFingerprint.of(a)).isNotEqualTo(PromptFingerprint.of(b));
    }

    @Test
    void of_noBody_isNull() {
        assertThat(PromptFingerprint.of(null)).isNull();
        assertThat(PromptFingerprint.of(new byte[0])).isNull();
    }
}
