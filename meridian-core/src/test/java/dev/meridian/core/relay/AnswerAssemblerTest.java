package dev.meridian.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerAssemblerTest {

    private final List<StreamEvent> passed = new ArrayList<>();

    private ChatResponse assemble(List<StreamEvent> events, boolean end) {
        AnswerAssembler assembler = new AnswerAssembler();
        events.forEach(e -> assembler.onEvent(e, passed::add));
        if (end) {
            assembler.onEnd(passed::add);
        }
        return assembler.answer();
    }

    private static final List<StreamEvent> STREAM = List.of(
            new StreamEvent.Started("chatcmpl-1", "gpt-4o-2024", 1700000000),
            new StreamEvent.TextDelta(0, "Hello"),
            new StreamEvent.TextDelta(0, ", world"),
            new StreamEvent.ToolCallDelta(0, 0, "call_1", "lookup", "{\"q\":", null),
            new StreamEvent.ToolCallDelta(0, 0, null, null, "\"x\"}", null),
            new StreamEvent.Finished(0, FinishReason.TOOL_CALLS),
            new StreamEvent.UsageReported(new Usage(12, 5, 0, 0, 0)));

    @Test
    void answer_assemblesTextToolCallsAndUsage_passingEveryEventOn() {
        ChatResponse answer = assemble(STREAM, true);
        assertThat(passed).isEqualTo(STREAM);
        assertThat(answer.id()).isEqualTo("chatcmpl-1");
        assertThat(answer.choices().get(0).message().text()).isEqualTo("Hello, world");
        assertThat(answer.choices().get(0).message().toolCalls().get(0).arguments())
                .isEqualTo("{\"q\":\"x\"}");
        assertThat(answer.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(answer.usage()).isEqualTo(new Usage(12, 5, 0, 0, 0));
    }

    @Test
    void answer_cutStream_isNone() {
        assertThat(assemble(STREAM, false)).isNull();
        assertThat(assemble(STREAM.subList(0, 3), true)).as("no finish reason").isNull();
    }

    @Test
    void answerEvents_replayAssemblesBackToTheSameAnswer() {
        ChatResponse answer = assemble(STREAM, true);
        assertThat(assemble(AnswerEvents.of(answer), true)).isEqualTo(answer);
    }
}
