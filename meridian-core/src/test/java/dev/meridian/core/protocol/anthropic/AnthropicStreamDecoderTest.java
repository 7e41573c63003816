package dev.meridian.core.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream translation edge cases not worth a golden. Events are written with single quotes for readability. */
class AnthropicStreamDecoderTest {

    private static final String START = "{'type':'message_start','message':{'id':'msg_1','model':'claude-test',"
            + "'usage':{'input_tokens':10,'cache_read_input_tokens':100,'cache_creation_input_tokens':20,"
            + "'output_tokens':1}}}";

    private final AnthropicStreamDecoder decoder =
            new AnthropicStreamDecoder("anthropic", Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
    private final List<StreamEvent> events = new ArrayList<>();

    @Test
    void stream_toolCallsNumberedAmongToolUseBlocksOnly() {
        feed(
                START,
                "{'type':'content_block_start','index':0,'content_block':{'type':'thinking','thinking':''}}",
                "{'type':'content_block_stop','index':0}",
                "{'type':'content_block_start','index':1,'content_block':{'type':'text','text':''}}",
                "{'type':'content_block_stop','index':1}",
                "{'type':'content_block_start','index':2,'content_block':{'type':'tool_use','id':'a','name':'f','input':{}}}",
                "{'type':'content_block_delta','index':2,'delta':{'type':'input_json_delta','partial_json':'{}'}}",
                "{'type':'content_block_stop','index':2}",
                "{'type':'content_block_start','index':3,'content_block':{'type':'text','text':'and '}}",
                "{'type':'content_block_stop','index':3}",
                "{'type':'content_block_start','index':4,'content_block':{'type':'tool_use','id':'b','name':'g','input':{}}}",
                "{'type':'content_block_delta','index':4,'delta':{'type':'input_json_delta','partial_json':'{\\\"x\\\":'}}",
                "{'type':'content_block_delta','index':4,'delta':{'type':'input_json_delta','partial_json':'1}'}}",
                "{'type':'content_block_stop','index':4}");
        assertThat(events)
                .filteredOn(StreamEvent.ToolCallDelta.class::isInstance)
                .containsExactly(
                        new StreamEvent.ToolCallDelta(0, 0, "a", "f", "", null),
                        new StreamEvent.ToolCallDelta(0, 0, null, null, "{}", null),
                        new StreamEvent.ToolCallDelta(0, 1, "b", "g", "", null),
                        new StreamEvent.ToolCallDelta(0, 1, null, null, "{\"x\":", null),
                        new StreamEvent.ToolCallDelta(0, 1, null, null, "1}", null));
        assertThat(events).contains(new StreamEvent.TextDelta(0, "and "));
    }

    @Test
    void stream_usageIsCumulative_fieldsLeftOutKeepTheirValue() {
        feed(START, "{'type':'message_delta','delta':{'stop_reason':'end_turn'},'usage':{'output_tokens':42}}");
        assertThat(events)
                .filteredOn(StreamEvent.UsageReported.class::isInstance)
                .containsExactly(
                        new StreamEvent.UsageReported(new Usage(130, 1, 100, 20, 0)),
                        new StreamEvent.UsageReported(new Usage(130, 42, 100, 20, 0)));
        assertThat(events.get(0)).isEqualTo(new StreamEvent.Started("msg_1", "claude-test", 1_700_000_000));
    }

    @Test
    void stream_thinkingWithOnlyASignature_isOneBlockAndNoDelta() {
        feed(
                START,
                "{'type':'content_block_start','index':0,'content_block':{'type':'thinking','thinking':'','signature':''}}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'signature_delta','signature':'sig'}}",
                "{'type':'content_block_stop','index':0}",
                "{'type':'content_block_start','index':1,'content_block':{'type':'redacted_thinking','data':'enc'}}",
                "{'type':'content_block_stop','index':1}");
        assertThat(events)
                .filteredOn(e -> !(e instanceof StreamEvent.Started || e instanceof StreamEvent.UsageReported))
                .containsExactly(
                        new StreamEvent.ReasoningBlock(0, new ContentPart.Thinking("", "sig")),
                        new StreamEvent.ReasoningBlock(0, new ContentPart.RedactedThinking("enc")));
    }

    @Test
    void stream_pingAndUnknownEventsIgnored_endAfterMessageStopIsClean() {
        feed(
                START,
                "{'type':'ping'}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'citations_delta'}}",
                "{'type':'some_future_event'}",
                "{'type':'message_delta','delta':{'stop_reason':'model_context_window_exceeded'},'usage':{'output_tokens':2}}",
                "{'type':'message_stop'}",
                "{'type':'error','error':{'type':'api_error','message':'late'}}");
        decoder.end(events::add);
        assertThat(events.get(events.size() - 1)).isEqualTo(new StreamEvent.Finished(0, FinishReason.LENGTH));
    }

    @Test
    void stream_errorEvent_statusFromItsType() {
        feed(START);
        assertThatThrownBy(() -> feed("{'type':'error','error':{'type':'rate_limit_error','message':'slow down'}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.providerCode()).isEqualTo("rate_limit_error");
                });
        assertThatThrownBy(() -> feed("{'type':'error','error':{'type':'invalid_request_error','message':'bad'}}"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void stream_unreadableEvent_isAnUpstreamError() {
        assertThatThrownBy(() -> decoder.decode(
                        new SseEvent("message_start", "{not json".getBytes(StandardCharsets.UTF_8), null, null),
                        events::add))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
    }

    @Test
    void stream_endBeforeMessageStop_throws() {
        feed(START, "{'type':'message_delta','delta':{'stop_reason':'end_turn'},'usage':{'output_tokens':2}}");
        assertThatThrownBy(() -> decoder.end(events::add))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.getMessage()).contains("before message_stop"));
    }

    private void feed(String... data) {
        for (String d : data) {
            String json = d.replace('\'', '"');
            decoder.decode(new SseEvent(null, json.getBytes(StandardCharsets.UTF_8), null, null), events::add);
        }
    }
}
