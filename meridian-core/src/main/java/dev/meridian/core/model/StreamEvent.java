package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

/**
 * One step of a streamed answer, in the gateway's terms. A provider's stream decoder turns its events into
 * these; the caller's stream encoder turns these into its events. A well-formed stream is
 * {@link Started}, then deltas, then a {@link Finished} per choice, with {@link UsageReported} anywhere
 * after {@link Started} (usually last). {@code choice} is the index of the choice a delta belongs to.
 * Usage is cumulative: each {@link UsageReported} replaces the ones before it.
 */
public sealed interface StreamEvent {

    record Started(String id, String model, long created) implements StreamEvent {
        public Started {
            requireNonNull(id, "id");
            requireNonNull(model, "model");
        }
    }

    record TextDelta(int choice, String text) implements StreamEvent {}

    /** A piece of reasoning text, as it is produced. */
    record ReasoningDelta(int choice, String text) implements StreamEvent {}

    /**
     * A reasoning block is complete: a {@link ContentPart.Thinking} with its full text and signature, or a
     * {@link ContentPart.RedactedThinking}. Callers keep these to send them back on the next turn.
     */
    record ReasoningBlock(int choice, ContentPart block) implements StreamEvent {
        public ReasoningBlock {
            if (!(block instanceof ContentPart.Thinking) && !(block instanceof ContentPart.RedactedThinking)) {
                throw new IllegalArgumentException("a reasoning block is Thinking or RedactedThinking");
            }
        }
    }

    /**
     * A piece of tool call {@code index} of a choice. The first piece of a call carries its {@code id} and
     * {@code name} (later pieces have them null); {@code arguments} is the next fragment of the arguments'
     * JSON text (may be empty). {@code thoughtSignature} is Gemini's signature for the call, when given.
     */
    record ToolCallDelta(int choice, int index, String id, String name, String arguments, String thoughtSignature)
            implements StreamEvent {}

    record Finished(int choice, FinishReason reason) implements StreamEvent {}

    record UsageReported(Usage usage) implements StreamEvent {
        public UsageReported {
            requireNonNull(usage, "usage");
        }
    }
}
