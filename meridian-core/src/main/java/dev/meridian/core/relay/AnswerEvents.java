package dev.meridian.core.relay;

import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete answer told as the stream that would have carried it, for replaying a cached answer to a streaming
 * caller: start, then per choice its reasoning, text and tool calls and why it finished, then the usage. Pure.
 */
public final class AnswerEvents {

    private AnswerEvents() {}

    public static List<StreamEvent> of(ChatResponse answer) {
        List<StreamEvent> events = new ArrayList<>(4 + 4 * answer.choices().size());
        events.add(new StreamEvent.Started(answer.id(), answer.model(), answer.created()));
        for (Choice choice : answer.choices()) {
            int c = choice.index();
            int call = 0;
            for (ContentPart part : choice.message().content()) {
                if (part instanceof ContentPart.Text t && !t.text().isEmpty()) {
                    events.add(new StreamEvent.TextDelta(c, t.text()));
                } else if (part instanceof ContentPart.Thinking t) {
                    events.add(new StreamEvent.ReasoningDelta(c, t.text()));
                    if (t.signature() != null) {
                        events.add(new StreamEvent.ReasoningBlock(c, t));
                    }
                } else if (part instanceof ContentPart.RedactedThinking r) {
                    events.add(new StreamEvent.ReasoningBlock(c, r));
                } else if (part instanceof ContentPart.ToolCall t) {
                    events.add(new StreamEvent.ToolCallDelta(
                            c, call++, t.id(), t.name(), t.arguments(), t.thoughtSignature()));
                }
            }
            if (choice.finishReason() != null) {
                events.add(new StreamEvent.Finished(c, choice.finishReason()));
            }
        }
        if (answer.usage() != null) {
            events.add(new StreamEvent.UsageReported(answer.usage()));
        }
        return events;
    }
}
