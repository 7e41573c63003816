package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.params.provider.Arguments;

/** The request-validation tests' shared pieces: compact bodies ({@code '} for {@code "}) and the refusal checks. */
final class ValidationCases {

    private ValidationCases() {}

    static final String USER = "{'role':'user','content':'hi'}";

    /** A chat body: {@code model} m, the given messages, then the given top-level fields; ' stands for ". */
    static byte[] chat(String messages, String fields) {
        String body = "{'model':'m','messages':[" + messages + "]" + (fields.isEmpty() ? "" : "," + fields) + "}";
        return body.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static byte[] embeddings(String fields) {
        return ("{'model':'e'," + fields + "}").replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    /** How the decoder answers the same bad body. */
    enum Decoder {
        /** Refuses it with the same param and message. */
        SAME,
        /** Refuses it naming the same param (its own words, usually about translation). */
        SAME_PARAM,
        /**
         * Is laxer there, or refuses the body elsewhere as untranslatable: the scan, which always runs first, holds
         * the rule alone.
         */
        LAXER
    }

    static Arguments bad(byte[] body, String param, String message, Decoder decoder) {
        return Arguments.of(new String(body, StandardCharsets.UTF_8), param, message, decoder);
    }

    static void assertRefused(Function<byte[], ?> scan, String body, String param, String message) {
        assertThatThrownBy(() -> scan.apply(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static void assertDecoder(Function<byte[], ?> decode, String body, String param, String message, Decoder decoder) {
        Runnable run = () -> decode.apply(body.getBytes(StandardCharsets.UTF_8));
        switch (decoder) {
            case SAME -> assertRefused(decode, body, param, message);
            case SAME_PARAM ->
                assertThatThrownBy(run::run)
                        .isInstanceOfSatisfying(
                                GatewayException.class,
                                e -> assertThat(e.param()).isEqualTo(param));
            case LAXER -> {
                // Nothing to hold: the decoder may accept it or refuse it for translation.
            }
        }
    }
}
