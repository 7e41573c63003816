package dev.meridian.core.protocol.gemini;

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

class GeminiResponseDecoderTest {

    private static ChatResponse decode(String json) {
        return GeminiResponseDecoder.decode(
                "gemini", json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "fallback-model", 42);
    }

    private static void assertUpstreamError(String json, String providerCode) {
        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.providerCode()).isEqualTo(providerCode);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "STOP,false,STOP",
        "STOP,true,TOOL_CALLS",
        "MAX_TOKENS,true,LENGTH",
        "LANGUAGE,false,CONTENT_FILTER",
        "RECITATION,false,CONTENT_FILTER",
        "SPII,false,CONTENT_FILTER",
        "OTHER,false,STOP",
        "OTHER,true,TOOL_CALLS",
        "SOMETHING_NEW,false,STOP"
    })
    void decode_finishReasonTable(String reason, boolean call, FinishReason expected) {
        String parts = call ? "[{'functionCall':{'name':'f','args':{}}}]" : "[{'text':'x'}]";
        ChatResponse r = decode("{'candidates':[{'content':{'parts':" + parts + "},'finishReason':'" + reason + "'}],"
                + "'responseId':'r'}");
        assertThat(r.choices().get(0).finishReason()).isEqualTo(expected);
    }

    @Test
    void decode_malformedFunctionCall_isUpstreamError() {
        assertUpstreamError(
                "{'candidates':[{'finishReason':'MALFORMED_FUNCTION_CALL','finishMessage':'bad'}]}",
                "MALFORMED_FUNCTION_CALL");
    }

    @Test
    void decode_noCandidatesAndNoBlockReason_isUpstreamError() {
        assertUpstreamError("{'usageMetadata':{'promptTokenCount':3}}", null);
    }

    @Test
    void decode_notJson_isUpstreamError() {
        assertUpstreamError("<html>oops</html>", null);
    }

    @Test
    void decode_callWithoutName_isUpstreamError() {
        assertUpstreamError(
                "{'candidates':[{'content':{'parts':[{'functionCall':{'args':{}}}]},'finishReason':'STOP'}]}", null);
    }

    @Test
    void decode_missingVersionAndNoFinish() {
        ChatResponse r =
                decode("{'candidates':[{'content':{'parts':[{'text':'a'},{'text':'','thoughtSignature':'c2ln'}]}}],"
                        + "'responseId':'r1'}");
        assertThat(r.model()).isEqualTo("fallback-model");
        assertThat(r.created()).isEqualTo(42);
        assertThat(r.usage()).isNull();
        assertThat(r.choices().get(0).finishReason()).isNull();
        assertThat(r.choices().get(0).message().content()).containsExactly(ContentPart.Text.of("a"));
    }

    @Test
    void decode_candidatesWithoutIndexUsePosition_toolIdsPerCandidate() {
        ChatResponse r = decode("{'candidates':["
                + "{'content':{'parts':[{'functionCall':{'name':'f'}}]},'finishReason':'STOP'},"
                + "{'content':{'parts':[{'functionCall':{'name':'g','args':{'a':[1,2]}}},{'functionCall':{'name':'h'}}]},"
                + "'finishReason':'STOP','index':1}],'responseId':'rid'}");
        assertThat(r.choices()).extracting(c -> c.index()).containsExactly(0, 1);
        assertThat(r.choices().get(0).message().toolCalls().get(0))
                .isEqualTo(new ContentPart.ToolCall("call_rid_0_0", "f", "{}", null));
        assertThat(r.choices().get(1).message().toolCalls())
                .extracting(ContentPart.ToolCall::id)
                .containsExactly("call_rid_1_0", "call_rid_1_1");
        assertThat(r.choices().get(1).message().toolCalls().get(0).arguments()).isEqualTo("{\"a\":[1,2]}");
    }
}
