package dev.meridian.store.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString(bytes(1));
    private static final String KEY_B = Base64.getEncoder().encodeToString(bytes(2));

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static KeyRing ring(String current, String previous) {
        Map<String, String> env = previous == null
                ? Map.of(KeyRing.CURRENT_ENV, current)
                : Map.of(KeyRing.CURRENT_ENV, current, KeyRing.PREVIOUS_ENV, previous);
        return KeyRing.fromEnvironment(env::get);
    }

    @Test
    void sealedValue_isAnEnvelopeNamingTheKeyId_andOpensToThePlaintext() {
        KeyRing a = ring(KEY_A, null);

        String sealed = a.seal("sk-live-provider-secret", "provider_credential.api_key:openai");

        assertThat(sealed).startsWith("mk1:" + a.currentId() + ":").doesNotContain("sk-live-provider-secret");
        assertThat(a.currentId()).matches("[0-9a-f]{8}");
        assertThat(KeyRing.keyIdOf(sealed)).isEqualTo(a.currentId());
        assertThat(a.open(sealed, "provider_credential.api_key:openai")).isEqualTo("sk-live-provider-secret");
    }

    @Test
    void sealingTwice_givesDifferentEnvelopes_becauseEachHasItsOwnNonce() {
        KeyRing a = ring(KEY_A, null);

        assertThat(a.seal("same", "t.c:1")).isNotEqualTo(a.seal("same", "t.c:1"));
    }

    @Test
    void keyId_isDerivedFromTheKey_soTheSameKeyHasTheSameIdEverywhere() {
        assertThat(ring(KEY_A, null).currentId()).isEqualTo(ring(KEY_A, null).currentId());
        assertThat(ring(KEY_A, null).currentId()).isNotEqualTo(ring(KEY_B, null).currentId());
    }

    @Test
    void anEnvelopeMovedToAnotherRowOrColumn_doesNotOpen() {
        KeyRing a = ring(KEY_A, null);
        String sealed = a.seal("prompt of request 1", "request_body.prompt:req-1");

        assertThatThrownBy(() -> a.open(sealed, "request_body.prompt:req-2"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("sealed for another row or column");
        assertThatThrownBy(() -> a.open(sealed, "request_body.completion:req-1"))
                .isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void anAlteredEnvelope_doesNotOpen() {
        KeyRing a = ring(KEY_A, null);
        String sealed = a.seal("value", "t.c:1");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> a.open(altered, "t.c:1")).isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void previousKeys_openWhatTheySealed_butTheCurrentKeySeals() {
        KeyRing a = ring(KEY_A, null);
        String underA = a.seal("old value", "t.c:1");
        KeyRing rotated = ring(KEY_B, KEY_A);

        assertThat(rotated.open(underA, "t.c:1")).isEqualTo("old value");
        assertThat(rotated.stale(underA)).isTrue();
        String underB = rotated.seal("old value", "t.c:1");
        assertThat(KeyRing.keyIdOf(underB)).isEqualTo(ring(KEY_B, null).currentId());
        assertThat(rotated.stale(underB)).isFalse();
        assertThat(rotated.ids()).containsExactly(rotated.currentId(), a.currentId());
    }

    @Test
    void anEnvelopeUnderAnUnconfiguredKey_failsNamingTheKeyIdAndTheVariables() {
        String underA = ring(KEY_A, null).seal("value", "t.c:1");
        KeyRing b = ring(KEY_B, null);

        assertThatThrownBy(() -> b.open(underA, "t.c:1"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining(KeyRing.keyIdOf(underA))
                .hasMessageContaining("MERIDIAN_MASTER_KEY_PREVIOUS")
                .hasMessageNotContaining(KEY_A)
                .hasMessageNotContaining(KEY_B);
        assertThatThrownBy(() -> KeyRing.none().open(underA, "t.c:1")).isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void withoutAKey_valuesStayAsTheyAre_andValuesInTheClearAreReadAsTheyAre() {
        assertThat(KeyRing.none().enabled()).isFalse();
        assertThat(KeyRing.none().seal("{\"prompt\":1}", "t.c:1")).isEqualTo("{\"prompt\":1}");
        assertThat(ring(KEY_A, null).open("{\"prompt\":1}", "t.c:1")).isEqualTo("{\"prompt\":1}");
        assertThat(ring(KEY_A, null).seal(null, "t.c:1")).isNull();
        assertThat(KeyRing.fromEnvironment(Map.<String, String>of()::get).enabled())
                .isFalse();
    }

    @Test
    void byteEnvelope_beginsWithTheKeysHeader_hidesThePlaintext_andOpensOnlyWhereItWasSealed() {
        KeyRing a = ring(KEY_A, null);
        byte[] answer = "{\"choices\":[{\"message\":{\"content\":\"the answer\"}}]}".getBytes(UTF_8);

        byte[] sealed = a.sealBytes(answer, "response_cache:chat|t1|m|abc");

        assertThat(new String(sealed, UTF_8))
                .startsWith("mk1:" + a.currentId() + ":")
                .doesNotContain("the answer");
        assertThat(KeyRing.isEnvelope(sealed)).isTrue();
        assertThat(KeyRing.isEnvelope(answer)).isFalse();
        assertThat(a.openBytes(sealed, "response_cache:chat|t1|m|abc")).isEqualTo(answer);
        assertThatThrownBy(() -> a.openBytes(sealed, "response_cache:chat|t1|m|abd"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("sealed for another row or column");
    }

    @Test
    void byteEnvelope_opensUnderAPreviousKey_butNotAltered_cut_orInTheClear() {
        byte[] underA = ring(KEY_A, null).sealBytes(new byte[] {1, 2, 3}, "w");
        KeyRing rotated = ring(KEY_B, KEY_A);
        byte[] altered = underA.clone();
        altered[altered.length - 1] ^= 1;

        assertThat(rotated.openBytes(underA, "w")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> rotated.openBytes(altered, "w")).isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> rotated.openBytes(java.util.Arrays.copyOf(underA, 20), "w"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> rotated.openBytes(new byte[] {1, 2, 3}, "w"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("not sealed");
        assertThatThrownBy(() -> ring(KEY_B, null).openBytes(underA, "w"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> KeyRing.none().sealBytes(new byte[] {1}, "w"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyThatIsNotBase64Of32Bytes_isRefusedNamingTheVariable_neverTheValue() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : List.of("not base64 at all!", short16, "c2VjcmV0")) {
            assertThatThrownBy(() -> ring(bad, null))
                    .isInstanceOf(BadMasterKeyException.class)
                    .hasMessageContaining("MERIDIAN_MASTER_KEY")
                    .hasMessageContaining("32 random bytes")
                    .hasMessageNotContaining(bad);
        }
        assertThatThrownBy(() -> ring(KEY_A, KEY_B + ",tooshort"))
                .isInstanceOf(BadMasterKeyException.class)
                .hasMessageContaining("MERIDIAN_MASTER_KEY_PREVIOUS (entry 2)")
                .hasMessageNotContaining("tooshort");
    }

    @Test
    void previousKeysWithoutACurrentKey_areRefused() {
        assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of(KeyRing.PREVIOUS_ENV, KEY_A)::get))
                .isInstanceOf(BadMasterKeyException.class)
                .hasMessageContaining("MERIDIAN_MASTER_KEY is not")
                .hasMessageNotContaining(KEY_A);
    }

    @Test
    void toString_showsKeyIdsOnly() {
        KeyRing r = ring(KEY_B, KEY_A);
        assertThat(r.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B).contains(r.currentId());
    }
}
