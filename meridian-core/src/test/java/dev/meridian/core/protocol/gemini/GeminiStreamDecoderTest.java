package dev.meridian.core.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {

    private final GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini", "fallback", 7);
    private final List<StreamEvent> events = new ArrayList<>();

    private void feed(String json) {
        decoder.decode(
                new SseEvent(null, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), null, null), events::add);
    }

    private static void assertUpstreamError(Runnable r) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
    }

    @Test
    void stream_twoCandidates_toolIndexPerCandidate() {
        feed("{'candidates':[{'content':{'parts':[{'functionCall':{'name':'a'}}]}},"
                + "{'content':{'parts':[{'text':'x'}]},'index':1}],'responseId':'r'}");
        feed("{'candidates':[{'content':{'parts':[{'functionCall':{'name':'b'}},{'functionCall':{'name':'c'}}]},"
                + "'finishReason':'STOP'}],'responseId':'r'}");
        feed("{'candidates':[{'content':{'parts':[{'text':'y'}]},'finishReason':'STOP','index':1}],"
                + "'usageMetadata':{'promptTokenCount':5,'candidatesTokenCount':9},'responseId':'r'}");
        decoder.end(events::add);
        assertThat(events)
                .containsExactly(
                        new StreamEvent.Started("r", "fallback", 7),
                        new StreamEvent.ToolCallDelta(0, 0, "call_r_0_0", "a", "{}", null),
                        new StreamEvent.TextDelta(1, "x"),
                        new StreamEvent.ToolCallDelta(0, 1, "call_r_0_1", "b", "{}", null),
                        new StreamEvent.ToolCallDelta(0, 2, "call_r_0_2", "c", "{}", null),
                        new StreamEvent.Finished(0, FinishReason.TOOL_CALLS),
                        new StreamEvent.TextDelta(1, "y"),
                        new StreamEvent.Finished(1, FinishReason.STOP),
                        new StreamEvent.UsageReported(new Usage(5, 9, 0, 0, 0)));
    }

    @Test
    void end_oneCandidateUnfinished_isCut() {
        feed("{'candidates':[{'content':{'parts':[{'text':'x'}]},'finishReason':'STOP'},"
                + "{'content':{'parts':[{'text':'y'}]},'index':1}]}");
        assertUpstreamError(() -> decoder.end(events::add));
    }

    @Test
    void end_emptyStream_isCut() {
        decoder.decode(new SseEvent(null, null, null, ": keep-alive".getBytes(StandardCharsets.UTF_8)), events::add);
        assertThat(events).isEmpty();
        assertUpstreamError(() -> decoder.end(events::add));
    }

    @Test
    void decode_malformedJson_isUpstreamError() {
        assertUpstreamError(() -> feed("{'candidates':"));
    }

    @Test
    void decode_malformedFunctionCall_isUpstreamError() {
        feed("{'candidates':[{'content':{'parts':[{'text':'x'}]}}],'responseId':'r'}");
        assertThatThrownBy(() -> feed("{'candidates':[{'finishReason':'UNEXPECTED_TOOL_CALL'}]}"))
                .isInstanceOfSatisfying(
                        GatewayException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("UNEXPECTED_TOOL_CALL"));
    }

    @Test
    void decode_errorWithoutCode_is502() {
        assertThatThrownBy(() -> feed("{'error':{'message':'boom','status':'INTERNAL'}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.providerCode()).isEqualTo("INTERNAL");
                });
    }
}
