package dev.meridian.server.budget;

import dev.meridian.core.budget.Money;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.core.tokens.InputTokens;
import dev.meridian.server.pricing.EffectivePrice;

/**
 * The most a call can cost, which is what a budget reserves before it is sent: the request's input tokens, counted
 * with {@link InputTokens} for the deployment's model plus a margin for tokenizers other than OpenAI's, at the
 * higher of the input and cache-write prices; and the output bound ({@code max_tokens}, else the model's output
 * limit from the catalogue, else {@value #UNKNOWN_MAX_OUTPUT}) at the higher of the output and reasoning prices. An
 * unpriced deployment costs $0 (it is served and flagged, never refused).
 */
final class CostEstimate {

    /** Output assumed for a model whose limit the catalogue does not know and a request without max tokens. */
    static final int UNKNOWN_MAX_OUTPUT = 32_768;

    private CostEstimate() {}

    /** Input tokens to reserve for: {@code counted} plus 10 % and 16, for tokenizers that count more than OpenAI's. */
    static long inputBound(long counted) {
        return counted + counted / 10 + 16;
    }

    static long outputBound(CanonicalRequest request, EffectivePrice pricing) {
        if (!(request instanceof ChatRequest chat)) {
            return 0; // embeddings produce no output tokens
        }
        if (chat.maxOutputTokens() != null) {
            return Math.max(0, chat.maxOutputTokens());
        }
        return pricing.maxOutput() > 0 ? pricing.maxOutput() : UNKNOWN_MAX_OUTPUT;
    }

    /** The maximum cost in nano-dollars of {@code request} at {@code pricing}, {@code inputTokens} counted already. */
    static long maxNanos(CanonicalRequest request, long inputTokens, EffectivePrice pricing) {
        ModelPrice p = pricing.price();
        if (p == null) {
            return 0;
        }
        double perMillion = inputBound(inputTokens) * Math.max(p.inputPerMillion(), p.cacheWritePerMillion())
                + outputBound(request, pricing) * Math.max(p.outputPerMillion(), p.reasoningPerMillion());
        return Money.ceilNanos(perMillion / 1_000_000.0);
    }

    /** Counts the input and prices the maximum; the canonical request is decoded if it was not. */
    static long maxNanos(CanonicalRequest request, String upstreamModel, EffectivePrice pricing) {
        if (pricing.price() == null) {
            return 0;
        }
        return maxNanos(request, InputTokens.count(request, upstreamModel), pricing);
    }
}
