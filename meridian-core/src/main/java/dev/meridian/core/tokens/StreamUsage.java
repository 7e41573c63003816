package dev.meridian.core.tokens;

import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.Usage;
import java.util.function.Supplier;

/**
 * The usage to account for a stream once it is over. A stream that completed with the provider's usage is
 * accounted at that usage. Any other (cut by the provider, failed, left by the caller, or from a provider that
 * never reports usage) is estimated: input tokens are the provider's if it reported them (Anthropic does at the
 * start), else counted from the request; output tokens are the larger of what the provider reported so far
 * (Anthropic's start carries a placeholder of 1) and the tokens of the text the caller received. Cached,
 * cache-write and reasoning tokens are the provider's, when it reported them.
 *
 * @param usage     what to account, never null
 * @param estimated whether the gateway counted it rather than the provider
 */
public record StreamUsage(Usage usage, boolean estimated) {

    /**
     * @param reported  the provider's usage so far, or null
     * @param completed whether the stream ended as the provider's protocol ends a complete answer
     * @param delivered the text that went to the caller
     * @param request   the request, decoded only when its input must be counted
     * @param model     the provider's name for the model, to pick the tokenizer
     */
    public static StreamUsage settle(
            Usage reported,
            boolean completed,
            DeliveredText delivered,
            Supplier<CanonicalRequest> request,
            String model) {
        if (completed && reported != null) {
            return new StreamUsage(reported, false);
        }
        Usage so = reported == null ? Usage.ZERO : reported;
        long input = so.inputTokens() > 0 ? so.inputTokens() : inputOf(request, model);
        long output = Math.max(so.outputTokens(), delivered.tokens(model));
        return new StreamUsage(
                new Usage(input, output, so.cachedInputTokens(), so.cacheWriteTokens(), so.reasoningTokens()), true);
    }

    private static long inputOf(Supplier<CanonicalRequest> request, String model) {
        try {
            CanonicalRequest r = request.get();
            return r == null ? 0 : InputTokens.count(r, model);
        } catch (RuntimeException e) {
            return 0; // a body the canonical form refuses was refused before it reached a provider
        }
    }
}
