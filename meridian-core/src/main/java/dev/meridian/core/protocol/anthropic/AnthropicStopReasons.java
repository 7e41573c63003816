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

    /**
     * The reverse table, for a caller of the Messages API served by another protocol: STOP is {@code end_turn} (a
     * provider that stopped on a stop sequence does not say which one), LENGTH {@code max_tokens}, TOOL_CALLS
     * {@code tool_use}, CONTENT_FILTER {@code refusal}; no reason given is {@code end_turn}.
     */
    static String fromFinishReason(FinishReason reason) {
        if (reason == null) {
            return "end_turn";
        }
        return switch (reason) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }
}
