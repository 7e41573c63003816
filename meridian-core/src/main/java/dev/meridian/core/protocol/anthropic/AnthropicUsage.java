package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.model.Usage;

/**
 * Anthropic's token counters (https://platform.claude.com/docs/en/api/messages, {@code usage}). Anthropic's
 * {@code input_tokens} excludes the prompt-cache reads and writes, which it reports beside it; the gateway's
 * {@link Usage} counts them in, so {@code inputTokens = input_tokens + cache_creation_input_tokens +
 * cache_read_input_tokens} ("Total input tokens in a request is the summation of ..." in the same reference).
 *
 * <p>A stream's {@code message_delta} usage is cumulative and may leave fields out (only
 * {@code output_tokens} is always present); a field left out keeps its earlier value, as the SDKs'
 * message accumulators do.
 *
 * @param thinking {@code output_tokens_details.thinking_tokens}, part of {@code output}
 */
record AnthropicUsage(long input, long output, long cacheWrite, long cacheRead, long thinking) {

    static final AnthropicUsage NONE = new AnthropicUsage(0, 0, 0, 0, 0);

    /** These counters updated with the fields present in {@code usage}; unchanged for a missing node. */
    AnthropicUsage updatedWith(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        return new AnthropicUsage(
                count(usage, "input_tokens", input),
                count(usage, "output_tokens", output),
                count(usage, "cache_creation_input_tokens", cacheWrite),
                count(usage, "cache_read_input_tokens", cacheRead),
                count(usage.path("output_tokens_details"), "thinking_tokens", thinking));
    }

    Usage toUsage() {
        return new Usage(input + cacheWrite + cacheRead, output, cacheRead, cacheWrite, thinking);
    }

    private static long count(JsonNode node, String field, long previous) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.asLong() : previous;
    }
}
