package dev.meridian.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void valid_asciiAndMultiByte() {
        assertThat(Utf8.firstInvalid("plain {\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
        assertThat(Utf8.firstInvalid("é 中文 𝄞 ✓".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
        assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
    }

    @Test
    void invalid_isReportedAtItsOffset() {
        assertThat(Utf8.firstInvalid(b('a', 0xC3, 0x28))).as("bad continuation").isEqualTo(1);
        assertThat(Utf8.firstInvalid(b('a', 'b', 0xE2, 0x82))).as("truncated").isEqualTo(2);
        assertThat(Utf8.firstInvalid(b(0xC0, 0xAF))).as("overlong").isZero();
        assertThat(Utf8.firstInvalid(b(0xE0, 0x80, 0xAF))).as("overlong 3-byte").isZero();
        assertThat(Utf8.firstInvalid(b(0xED, 0xA0, 0x80))).as("surrogate").isZero();
        assertThat(Utf8.firstInvalid(b(0xF4, 0x90, 0x80, 0x80)))
                .as("above U+10FFFF")
                .isZero();
        assertThat(Utf8.firstInvalid(b(0xFF))).isZero();
        assertThat(Utf8.firstInvalid(b(0x80))).as("lone continuation").isZero();
    }
}
