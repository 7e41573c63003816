package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {

    private static final String HEAD =
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"m\",";

    private final OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("p");
    private final List<StreamEvent> events = new ArrayList<>();

    private void feed(String... chunks) {
        SseParser parser = new SseParser(false);
        List<SseEvent> sse = new ArrayList<>();
        for (String c : chunks) {
            parser.feed(("data: " + c + "\n\n").getBytes(StandardCharsets.UTF_8), sse::add);
        }
        sse.forEach(e -> decoder.decode(e, events::add));
    }

    private static String choice(String delta, String finish) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";
    }

    @Test
    void stream_toolCallPiecesRepeatingIdAndName_passIdAndNameOnce() {
        feed(
                choice(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}}]}",
                        "null"),
                choice(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\":1}\"}}]}",
                        "null"),
                choice(
                        "{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}",
                        "\"tool_calls\""),
                "[DONE]");
        decoder.end(events::add);
        assertThat(events)
                .containsExactly(
                        new StreamEvent.Started("c1", "m", 7),
                        new StreamEvent.ToolCallDelta(0, 0, "call_a", "f", "{\"x\"", null),
                        new StreamEvent.ToolCallDelta(0, 0, null, null, ":1}", null),
                        new StreamEvent.ToolCallDelta(0, 1, "call_1", "g", "{}", null),
                        new StreamEvent.Finished(0, FinishReason.TOOL_CALLS));
    }

    @Test
    void stream_thoughtSignatureAndThinkingBlocks_arePassedOn() {
        feed(
                choice(
                        "{\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\"sig\"},"
                                + "{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}]}",
                        "null"),
                choice(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"},"
                                + "\"extra_content\":{\"google\":{\"thought_signature\":\"ts\"}}}]}",
                        "\"tool_calls\""));
        assertThat(events)
                .containsExactly(
                        new StreamEvent.Started("c1", "m", 7),
                        new StreamEvent.ReasoningBlock(0, new ContentPart.Thinking("hm", "sig")),
                        new StreamEvent.ReasoningBlock(0, new ContentPart.RedactedThinking("xyz")),
                        new StreamEvent.ToolCallDelta(0, 0, "c", "f", "{}", "ts"),
                        new StreamEvent.Finished(0, FinishReason.TOOL_CALLS));
    }

    @Test
    void stream_reasoningContentWinsOverReasoningInTheSameDelta() {
        feed(choice("{\"reasoning_content\":\"a\",\"reasoning\":\"a\"}", "null"));
        assertThat(events)
                .containsExactly(new StreamEvent.Started("c1", "m", 7), new StreamEvent.ReasoningDelta(0, "a"));
    }

    @Test
    void stream_usageOnEveryChunk_isReportedEachTime() {
        feed(
                HEAD
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}",
                HEAD
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}");
        decoder.end(events::add);
        assertThat(events)
                .containsExactly(
                        new StreamEvent.Started("c1", "m", 7),
                        new StreamEvent.TextDelta(0, "a"),
                        new StreamEvent.UsageReported(new Usage(3, 1, 0, 0, 0)),
                        new StreamEvent.Finished(0, FinishReason.LENGTH),
                        new StreamEvent.UsageReported(new Usage(3, 2, 0, 0, 0)));
    }

    @Test
    void stream_twoChoicesOneUnfinished_isCut() {
        feed(
                HEAD
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
                choice("{}", "\"stop\""));
        assertThatThrownBy(() -> decoder.end(events::add)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.provider()).isEqualTo("p");
        });
    }

    @Test
    void stream_emptyStream_isCut() {
        assertThatThrownBy(() -> decoder.end(events::add)).isInstanceOf(GatewayException.class);
    }

    @Test
    void stream_doneOnly_isComplete_andLaterEventsAreIgnored() {
        feed("[DONE]", choice("{\"content\":\"late\"}", "null"));
        decoder.end(events::add);
        assertThat(events).isEmpty();
    }

    @Test
    void stream_finishReasonRepeated_finishesOnce() {
        feed(choice("{}", "\"stop\""), choice("{}", "\"stop\""));
        assertThat(events)
                .containsExactly(new StreamEvent.Started("c1", "m", 7), new StreamEvent.Finished(0, FinishReason.STOP));
    }

    @Test
    void stream_deepSeekInsufficientResource_isUpstreamError() {
        assertThatThrownBy(() -> feed(choice("{}", "\"insufficient_system_resource\"")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
    }

    @Test
    void stream_unknownFinishReason_isStop() {
        feed(choice("{}", "\"eos\""));
        assertThat(events).contains(new StreamEvent.Finished(0, FinishReason.STOP));
    }

    @Test
    void stream_errorChunkWithNumericCode_keepsThatStatus() {
        assertThatThrownBy(() -> feed("{\"error\":{\"message\":\"bad\",\"type\":\"BadRequestError\",\"code\":400}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_INVALID_REQUEST);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("bad");
                });
    }

    @Test
    void stream_notJson_isUnreadable() {
        assertThatThrownBy(() -> feed("{\"id\":"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
    }

    @Test
    void stream_choicesNotAnArray_isMalformed() {
        assertThatThrownBy(() -> feed(HEAD + "\"choices\":{}}"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void stream_toolCallStartingWithoutName_isMalformed() {
        assertThatThrownBy(() -> feed(choice(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"arguments\":\"{}\"}}]}", "null")))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("without a name");
    }

    @Test
    void stream_keepAliveAndEmptyStrings_produceNothing() {
        SseParser parser = new SseParser(true);
        parser.feed(": ping\n\n".getBytes(StandardCharsets.UTF_8), e -> decoder.decode(e, events::add));
        feed(choice("{\"role\":\"assistant\",\"content\":\"\",\"reasoning_content\":\"\",\"refusal\":null}", "null"));
        assertThat(events).containsExactly(new StreamEvent.Started("c1", "m", 7));
    }

    @Test
    void stream_refusalDelta_isText() {
        feed(choice("{\"refusal\":\"I can't\"}", "null"));
        assertThat(events).contains(new StreamEvent.TextDelta(0, "I can't"));
    }
}
