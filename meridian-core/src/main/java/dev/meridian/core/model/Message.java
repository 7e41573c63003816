package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One turn of a conversation.
 *
 * @param role       who wrote it
 * @param content    the parts, in order; never null, may be empty (an assistant turn with only tool calls
 *                   holds them as {@link ContentPart.ToolCall} parts)
 * @param name       optional participant name (OpenAI {@code name}); null when absent
 * @param toolCallId for {@link Role#TOOL} messages, the id of the call this message answers; else null
 */
public record Message(Role role, List<ContentPart> content, String name, String toolCallId) {

    public Message {
        requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public static Message of(Role role, String text) {
        return new Message(role, List.of(ContentPart.Text.of(text)), null, null);
    }

    /** The concatenation of the text parts, ignoring everything else. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** The tool calls among the parts, in order. */
    public List<ContentPart.ToolCall> toolCalls() {
        return content.stream()
                .filter(ContentPart.ToolCall.class::isInstance)
                .map(ContentPart.ToolCall.class::cast)
                .toList();
    }
}
