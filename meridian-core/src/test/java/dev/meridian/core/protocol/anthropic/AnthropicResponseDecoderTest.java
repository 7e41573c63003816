package dev.meridian.core.protocol.anthropic;

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
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseDecoderTest {

    @ParameterizedTest
    @CsvSource({
        "end_turn,STOP",
        "stop_sequence,STOP",
        "pause_turn,STOP",
        "max_tokens,LENGTH",
        "model_context_window_exceeded,LENGTH",
        "tool_use,TOOL_CALLS",
        "refusal,CONTENT_FILTER",
        "a_reason_added_later,STOP"
    })
    void decode_stopReasonTable(String stopReason, FinishReason expected) {
        ChatResponse r = decode("{'id':'msg_1','model':'m','content':[],'stop_reason':'" + stopReason + "'}");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(expected);
    }

    @Test
    void decode_serverToolBlocksSkipped_noUsageIsNull() {
        ChatResponse r = decode("{'id':'msg_1','model':'m','stop_reason':'end_turn','content':["
                + "{'type':'server_tool_use','id':'srvtoolu_1','name':'web_search','input':{'query':'q'}},"
                + "{'type':'web_search_tool_result','tool_use_id':'srvtoolu_1','content':[]},"
                + "{'type':'text','text':'found it','citations':[]}]}");
        assertThat(r.choices().get(0).message().content()).containsExactly(ContentPart.Text.of("found it"));
        assertThat(r.usage()).isNull();
        assertThat(r.created()).isEqualTo(1234);
    }

    @Test
    void decode_notAMessage_isAnUpstreamError() {
        assertThatThrownBy(() -> decode("{'type':'message','content':'nope'}"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
        assertThatThrownBy(() -> decode("{'id':'msg_1','model':'m','content':[{'type':'tool_use','id':'t'}]}"))
                .isInstanceOfSatisfying(
                        GatewayException.class,
                        e -> assertThat(e.getMessage()).contains("'tool_use' block has no 'name'"));
    }

    private static ChatResponse decode(String singleQuoted) {
        return AnthropicResponseDecoder.decode(
                singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "anthropic", 1234);
    }
}
