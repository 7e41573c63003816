package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiResponseDecoderTest {

    private static ChatResponse decode(String json) {
        return OpenAiResponseDecoder.decode("p", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String completion(String message, String finish) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":" + message + ",\"finish_reason\":" + finish + "}]}";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"object\":\"list\",\"data\":[]}",
                "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[]}",
                "{\"id\":\"x\",\"choices\":{}}",
                "[1,2]",
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}"
            })
    void decode_notAChatCompletion_isMalformed(String body) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.getMessage()).contains("malformed");
            assertThat(e.provider()).isEqualTo("p");
        });
    }

    @Test
    void decode_notJson_isUnreadable() {
        assertThatThrownBy(() -> decode("<html>502 Bad Gateway</html>"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("unreadable");
                });
    }

    @Test
    void decode_errorBodyWithSuccessStatus_isTheProvidersError() {
        assertThatThrownBy(() -> decode("{\"error\":{\"message\":\"quota exceeded\",\"code\":429}}"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    void decode_thinkingBlocksArePreferredOverReasoningContent() {
        ChatResponse r = decode(completion(
                "{\"role\":\"assistant\",\"content\":\"hi\",\"reasoning_content\":\"abc\","
                        + "\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"abc\",\"signature\":\"s\"}]}",
                "\"stop\""));
        assertThat(r.choices().get(0).message().content())
                .containsExactly(new ContentPart.Thinking("abc", "s"), ContentPart.Text.of("hi"));
    }

    @Test
    void decode_ollamaReasoningField_isThinking() {
        ChatResponse r =
                decode(completion("{\"role\":\"assistant\",\"content\":\"hi\",\"reasoning\":\"hmm\"}", "\"stop\""));
        assertThat(r.choices().get(0).message().content())
                .containsExactly(new ContentPart.Thinking("hmm", null), ContentPart.Text.of("hi"));
    }

    @Test
    void decode_toolCallWithSignatureObjectArgumentsAndNoId() {
        ChatResponse r = decode(completion(
                "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"type\":\"function\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}},\"extra_content\":{\"google\":{\"thought_signature\":\"ts\"}}}]}",
                "\"function_call\""));
        assertThat(r.choices().get(0).message().content())
                .containsExactly(new ContentPart.ToolCall("call_0", "f", "{\"a\":1}", "ts"));
        assertThat(r.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void decode_contentAsTextParts() {
        ChatResponse r = decode(completion(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                        + "{\"type\":\"text\",\"text\":\"b\"}]}",
                "\"stop\""));
        assertThat(r.choices().get(0).message().text()).isEqualTo("ab");
    }

    @Test
    void decode_contentPartOfUnknownType_isMalformed() {
        assertThatThrownBy(() ->
                        decode(completion("{\"role\":\"assistant\",\"content\":[{\"type\":\"audio\"}]}", "\"stop\"")))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void decode_refusalNextToContent_isKeptAsSecondText() {
        ChatResponse r =
                decode(completion("{\"role\":\"assistant\",\"content\":\"Sure\",\"refusal\":\"but no\"}", "\"stop\""));
        assertThat(r.choices().get(0).message().content())
                .containsExactly(ContentPart.Text.of("Sure"), ContentPart.Text.of("but no"));
    }

    @Test
    void decode_missingIdModelAndFinishReason_useFallbacks() {
        ChatResponse r = decode("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}]}");
        assertThat(r.id()).isEqualTo("chatcmpl-unknown");
        assertThat(r.model()).isEqualTo("unknown");
        assertThat(r.choices().get(0).finishReason()).isNull();
        assertThat(r.usage()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"insufficient_system_resource", "error", "abort"})
    void decode_finishReasonsMeaningFailure_areUpstreamErrors(String finish) {
        assertThatThrownBy(() ->
                        decode(completion("{\"role\":\"assistant\",\"content\":\"partial\"}", "\"" + finish + "\"")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
    }
}
