package dev.meridian.core.pii;

import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Message;
import java.util.ArrayList;
import java.util.List;

/** Puts a request's masked values back into a complete answer: its text and its tool calls' arguments. */
public final class AnswerRestorer {

    private AnswerRestorer() {}

    /** {@code answer} with {@code vault}'s placeholders restored, or the same instance when it holds none. */
    public static ChatResponse restore(PiiVault vault, ChatResponse answer) {
        List<Choice> choices = new ArrayList<>(answer.choices().size());
        boolean changed = false;
        for (Choice c : answer.choices()) {
            Message m = c.message();
            List<ContentPart> parts = new ArrayList<>(m.content().size());
            for (ContentPart part : m.content()) {
                ContentPart restored = part(vault, part);
                changed |= restored != part;
                parts.add(restored);
            }
            choices.add(
                    new Choice(c.index(), new Message(m.role(), parts, m.name(), m.toolCallId()), c.finishReason()));
        }
        return changed
                ? new ChatResponse(
                        answer.id(),
                        answer.model(),
                        answer.created(),
                        choices,
                        answer.usage(),
                        answer.systemFingerprint())
                : answer;
    }

    private static ContentPart part(PiiVault vault, ContentPart part) {
        if (part instanceof ContentPart.Text t) {
            String text = vault.restore(t.text(), false);
            return text == t.text() ? part : new ContentPart.Text(text, t.cacheControl());
        }
        if (part instanceof ContentPart.ToolCall c) {
            String args = vault.restore(c.arguments(), true);
            return args == c.arguments()
                    ? part
                    : new ContentPart.ToolCall(c.id(), c.name(), args, c.thoughtSignature());
        }
        return part;
    }
}
