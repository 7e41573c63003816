package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One piece of a message's content. Assistant messages hold their tool calls and reasoning as parts
 * too, in the order the model produced them, so providers that interleave them (Anthropic, Gemini)
 * keep that order through a round trip.
 *
 * <p>{@code cacheControl} is the caller's prompt-caching marker (Anthropic's
 * {@code {"type":"ephemeral","ttl":"1h"}}), carried verbatim; null when absent.
 */
public sealed interface ContentPart {

    record Text(String text, JsonNode cacheControl) implements ContentPart {
        public Text {
            requireNonNull(text, "text");
        }

        public static Text of(String text) {
            return new Text(text, null);
        }
    }

    /** An image given by URL or inline base64 data; {@code detail} is OpenAI's low/high/auto hint or null. */
    record Image(ImageSource source, String detail, JsonNode cacheControl) implements ContentPart {
        public Image {
            requireNonNull(source, "source");
        }
    }

    /**
     * A call the assistant made. {@code arguments} is the JSON text of the arguments exactly as the
     * model produced it. {@code thoughtSignature} is Gemini's opaque signature that must be sent back
     * with the call on the next turn; null for other providers.
     */
    record ToolCall(String id, String name, String arguments, String thoughtSignature) implements ContentPart {
        public ToolCall {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
            requireNonNull(arguments, "arguments");
        }
    }

    /** Model reasoning. {@code signature} (Anthropic) must be returned unchanged on the next turn; may be null. */
    record Thinking(String text, String signature) implements ContentPart {
        public Thinking {
            requireNonNull(text, "text");
        }
    }

    /** Reasoning the provider encrypted; {@code data} must be returned unchanged on the next turn. */
    record RedactedThinking(String data) implements ContentPart {
        public RedactedThinking {
            requireNonNull(data, "data");
        }
    }
}
