package dev.meridian.core.routing;

import dev.meridian.core.model.Usage;

/**
 * What a model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion       price of a million input (prompt) tokens
 * @param outputPerMillion      price of a million output (completion) tokens
 * @param cachedInputPerMillion price of a million input tokens read from the provider's prompt cache
 * @param cacheWritePerMillion  price of a million input tokens written to the provider's prompt cache (Anthropic's
 *                              cache-creation surcharge; the input price where the provider charges none)
 * @param reasoningPerMillion   price of a million reasoning (thinking) tokens, which are part of the output (the
 *                              output price for every provider but Qwen's thinking modes)
 * @throws IllegalArgumentException if a price is negative, infinite or NaN
 */
public record ModelPrice(
        double inputPerMillion,
        double outputPerMillion,
        double cachedInputPerMillion,
        double cacheWritePerMillion,
        double reasoningPerMillion) {

    private static final double MILLION = 1_000_000.0;

    public ModelPrice {
        requireValidPrice(inputPerMillion, "inputPerMillion");
        requireValidPrice(outputPerMillion, "outputPerMillion");
        requireValidPrice(cachedInputPerMillion, "cachedInputPerMillion");
        requireValidPrice(cacheWritePerMillion, "cacheWritePerMillion");
        requireValidPrice(reasoningPerMillion, "reasoningPerMillion");
    }

    /**
     * A price with no cache-write surcharge and reasoning billed as output; a {@code cachedInputPerMillion} of 0
     * means the provider has no cheaper cached rate, so cached tokens cost the input rate.
     */
    public ModelPrice(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {
        this(
                inputPerMillion,
                outputPerMillion,
                cachedInputPerMillion > 0 ? cachedInputPerMillion : inputPerMillion,
                inputPerMillion,
                outputPerMillion);
    }

    /** The highest of the five prices: what {@code config check} compares with its plausibility bound. */
    public double highest() {
        return Math.max(
                Math.max(inputPerMillion, outputPerMillion),
                Math.max(cachedInputPerMillion, Math.max(cacheWritePerMillion, reasoningPerMillion)));
    }

    /**
     * The cost in US dollars of one request's real usage. Cached and cache-written tokens are part of the input
     * and billed at their own rates, the rest at the input rate; reasoning tokens are part of the output and
     * billed at the reasoning rate, the rest at the output rate. Counts a provider reports inconsistently (more
     * cached tokens than input) never make a part negative.
     *
     * <p>Example: Claude Sonnet 4.5 at 3.00 input, 15.00 output, 0.30 cache read and 3.75 cache write, with 10,000
     * input tokens of which 6,000 read and 2,000 written to the cache, and 500 output tokens: 2,000 × 3.00 + 6,000 ×
     * 0.30 + 2,000 × 3.75 + 500 × 15.00, per million, = $0.0228.
     */
    public double cost(Usage usage) {
        long cached = Math.max(usage.cachedInputTokens(), 0);
        long written = Math.max(usage.cacheWriteTokens(), 0);
        long plainInput = Math.max(usage.inputTokens() - cached - written, 0);
        long reasoning = Math.max(usage.reasoningTokens(), 0);
        long plainOutput = Math.max(usage.outputTokens() - reasoning, 0);
        double dollarsTimesMillion = plainInput * inputPerMillion
                + cached * cachedInputPerMillion
                + written * cacheWritePerMillion
                + plainOutput * outputPerMillion
                + reasoning * reasoningPerMillion;
        return dollarsTimesMillion / MILLION;
    }

    /**
     * What reading from the provider's prompt cache saved on one request, in US dollars: the cached tokens at the
     * input price minus at the cached price (cache-write surcharges are in {@link #cost(Usage)}, not here). Example:
     * 6,000 cached tokens at 3.00 input and 0.30 cached save 6,000 × 2.70 / 1M = $0.0162.
     */
    public double cacheReadSaving(Usage usage) {
        long cached = Math.max(usage.cachedInputTokens(), 0);
        return cached * (inputPerMillion - cachedInputPerMillion) / MILLION;
    }

    /**
     * The cost in US dollars of a request estimated before it runs (routing compares these). Cached tokens are
     * part of {@code inputTokens}.
     *
     * <p>Example: at 3.00 input, 15.00 output and 0.30 cached, {@code cost(1_000_000, 400_000, 100_000)} is
     * {@code 600_000 × 3/1M + 400_000 × 0.30/1M + 100_000 × 15/1M = 1.80 + 0.12 + 1.50 = 3.42}.
     *
     * @throws IllegalArgumentException if a count is negative or {@code cachedInputTokens > inputTokens}
     */
    public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: input " + inputTokens
                    + ", cached input " + cachedInputTokens + ", output " + outputTokens);
        }
        if (cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("cached input tokens (" + cachedInputTokens
                    + ") are part of the input tokens (" + inputTokens + ") and cannot exceed them");
        }
        double dollarsTimesMillion = (inputTokens - cachedInputTokens) * inputPerMillion
                + cachedInputTokens * cachedInputPerMillion
                + outputTokens * outputPerMillion;
        return dollarsTimesMillion / MILLION;
    }

    private static void requireValidPrice(double price, String name) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(name + " must be a finite price of 0 or more, was " + price);
        }
    }
}
