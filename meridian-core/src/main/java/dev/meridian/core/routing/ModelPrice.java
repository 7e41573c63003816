package dev.meridian.core.routing;

/**
 * What a model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion       price of a million input (prompt) tokens
 * @param outputPerMillion      price of a million output (completion) tokens
 * @param cachedInputPerMillion price of a million input tokens served from the provider's prompt cache; 0 when
 *                              the provider has no cheaper cached rate, in which case cached tokens cost the input
 *                              rate
 * @throws IllegalArgumentException if a price is negative, infinite or NaN
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {

    private static final double MILLION = 1_000_000.0;

    public ModelPrice {
        requireValidPrice(inputPerMillion, "inputPerMillion");
        requireValidPrice(outputPerMillion, "outputPerMillion");
        requireValidPrice(cachedInputPerMillion, "cachedInputPerMillion");
    }

    /**
     * The cost in US dollars of one request. Cached tokens are part of {@code inputTokens}: they are billed at
     * the cached rate when it is above 0, the rest of the input at the input rate.
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
        double cachedRate = cachedInputPerMillion > 0 ? cachedInputPerMillion : inputPerMillion;
        double dollarsTimesMillion = (inputTokens - cachedInputTokens) * inputPerMillion
                + cachedInputTokens * cachedRate
                + outputTokens * outputPerMillion;
        return dollarsTimesMillion / MILLION;
    }

    private static void requireValidPrice(double price, String name) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(name + " must be a finite price of 0 or more, was " + price);
        }
    }
}
