package dev.meridian.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import dev.meridian.core.protocol.openai.OpenAiEmbeddingsProtocol;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Bodies past the parser's limits are the caller's 400 {@code invalid_json}, said in the API's terms, never a 500. */
class JsonLimitsTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static void refusedAsInvalidJson(Consumer<byte[]> reader, String body, String saying) {
        assertThatThrownBy(() -> reader.accept(bytes(body)))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> {
                    GatewayException g = (GatewayException) e;
                    assertThat(g.code()).isEqualTo(ErrorCode.INVALID_JSON);
                    assertThat(g.status()).isEqualTo(400);
                    assertThat(g.getMessage()).contains(saying).doesNotContain("StreamReadConstraints");
                });
    }

    @Test
    void nestingTenThousandDeep_isInvalidJson_atEveryReader() {
        String chat = "{\"model\":\"m\"," + MESSAGES + ",\"x\":" + nested(10_000) + "}";
        refusedAsInvalidJson(OpenAiChatProtocol.INSTANCE::read, chat, "nest deeper than 256 levels");
        refusedAsInvalidJson(OpenAiRequestDecoder::decodeChat, chat, "nest deeper than 256 levels");
        refusedAsInvalidJson(
                OpenAiEmbeddingsProtocol.INSTANCE::read,
                "{\"model\":\"m\",\"input\":" + nested(10_000) + "}",
                "nest deeper than 256 levels");
    }

    @Test
    void aNumberOfTwoThousandDigits_isInvalidJson() {
        String chat = "{\"model\":\"m\"," + MESSAGES + ",\"temperature\":1" + "0".repeat(2000) + "}";
        refusedAsInvalidJson(OpenAiChatProtocol.INSTANCE::read, chat, "a number is longer than 1000 characters");
        refusedAsInvalidJson(OpenAiRequestDecoder::decodeChat, chat, "a number is longer than 1000 characters");
    }

    @Test
    void nesting256Deep_isStillAccepted() {
        String chat = "{\"model\":\"m\"," + MESSAGES + ",\"x\":" + nested(250) + "}";
        assertThat(OpenAiChatProtocol.INSTANCE.read(bytes(chat)).model()).isEqualTo("m");
    }

    @Test
    void anIntegerTooLargeForItsField_isOutOfRange_notMistyped() {
        String chat = "{\"model\":\"m\",\"max_tokens\":99999999999999999999999," + MESSAGES + "}";
        assertThatThrownBy(() -> OpenAiRequestDecoder.decodeChat(bytes(chat)))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> {
                    assertThat(((GatewayException) e).param()).isEqualTo("max_tokens");
                    assertThat(e.getMessage())
                            .contains("outside the allowed range")
                            .doesNotContain("got an integer");
                });
    }
}
