package dev.meridian.core.relay;

import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds the complete answer a stream carries while it passes to the caller, for the response cache: an observing
 * filter (every event is handed on at once, unchanged). {@link #answer()} is the answer only when the stream ended
 * normally and every choice said why it finished; a cut stream has none. One per stream; not thread-safe.
 */
public final class AnswerAssembler implements StreamFilter {

    private final TreeMap<Integer, ChoiceParts> choices = new TreeMap<>();
    private StreamEvent.Started started;
    private Usage usage;
    private boolean ended;

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> next) {
        if (event instanceof StreamEvent.Started s) {
            started = s;
        } else if (event instanceof StreamEvent.UsageReported u) {
            usage = u.usage();
        } else if (event instanceof StreamEvent.TextDelta t) {
            choice(t.choice()).text.append(t.text());
        } else if (event instanceof StreamEvent.ReasoningDelta r) {
            choice(r.choice()).reasoning.append(r.text());
        } else if (event instanceof StreamEvent.ReasoningBlock b) {
            choice(b.choice()).blocks.add(b.block());
        } else if (event instanceof StreamEvent.ToolCallDelta d) {
            choice(d.choice()).toolCall(d);
        } else if (event instanceof StreamEvent.Finished f) {
            choice(f.choice()).finish = f.reason();
        }
        next.accept(event);
    }

    @Override
    public void onEnd(Consumer<StreamEvent> next) {
        ended = true;
    }

    /** The whole answer, or null when the stream did not end normally or a choice never finished. */
    public ChatResponse answer() {
        if (!ended || started == null || choices.isEmpty()) {
            return null;
        }
        List<Choice> built = new ArrayList<>(choices.size());
        for (var e : choices.entrySet()) {
            if (e.getValue().finish == null) {
                return null;
            }
            built.add(new Choice(e.getKey(), e.getValue().message(), e.getValue().finish));
        }
        return new ChatResponse(started.id(), started.model(), started.created(), built, usage, null);
    }

    private ChoiceParts choice(int index) {
        return choices.computeIfAbsent(index, i -> new ChoiceParts());
    }

    /** What one choice said so far. */
    private static final class ChoiceParts {
        final StringBuilder text = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final List<ContentPart> blocks = new ArrayList<>(1);
        final TreeMap<Integer, String[]> calls = new TreeMap<>(); // index → id, name, arguments, signature
        FinishReason finish;

        void toolCall(StreamEvent.ToolCallDelta d) {
            String[] call = calls.computeIfAbsent(d.index(), i -> new String[] {null, null, "", null});
            if (d.id() != null) {
                call[0] = d.id();
            }
            if (d.name() != null) {
                call[1] = d.name();
            }
            if (d.arguments() != null) {
                call[2] += d.arguments();
            }
            if (d.thoughtSignature() != null) {
                call[3] = d.thoughtSignature();
            }
        }

        Message message() {
            List<ContentPart> parts = new ArrayList<>();
            if (!blocks.isEmpty()) {
                parts.addAll(blocks);
            } else if (reasoning.length() > 0) {
                parts.add(new ContentPart.Thinking(reasoning.toString(), null));
            }
            if (text.length() > 0 || calls.isEmpty()) {
                parts.add(ContentPart.Text.of(text.toString()));
            }
            for (String[] call : calls.values()) {
                parts.add(new ContentPart.ToolCall(
                        call[0] == null ? "" : call[0], call[1] == null ? "" : call[1], call[2], call[3]));
            }
            return new Message(Role.ASSISTANT, parts, null, null);
        }
    }
}
