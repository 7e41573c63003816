package dev.meridian.core.model;

/**
 * Tokens one request consumed, in OpenAI's accounting: {@code inputTokens} counts every prompt token,
 * including those read from and written to the provider's prompt cache; {@code outputTokens} counts every
 * generated token, including reasoning. The other fields break those totals down.
 *
 * @param cachedInputTokens input tokens served from the prompt cache (OpenAI cached_tokens, Anthropic
 *                          cache_read_input_tokens, Gemini cachedContentTokenCount)
 * @param cacheWriteTokens  input tokens written to the prompt cache (Anthropic cache_creation_input_tokens)
 * @param reasoningTokens   output tokens spent on reasoning (OpenAI reasoning_tokens, Gemini thoughtsTokenCount)
 */
public record Usage(
        long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Field-wise sum, for responses reported in parts. */
    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cachedInputTokens + other.cachedInputTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                reasoningTokens + other.reasoningTokens);
    }
}
