package dev.meridian.core.protocol.anthropic;

import dev.meridian.core.model.FinishReason;

/**
 * Anthropic's {@code stop_reason} values (https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons)
 * in the gateway's terms.
 */
final class AnthropicStopReasons {

    private AnthropicStopReasons() {}

    /**
     * The explicit table. {@code pause_turn} (a server tool paused a long turn; the caller may send the answer
     * back to continue) ends this answer normally, so it is STOP. A value Anthropic adds later is also read as
     * STOP: the turn did end, and the API's versioning policy says new values may appear. Null (no reason
     * given) stays null.
     */
    static FinishReason toFinishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence", "pause_turn" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }
}
