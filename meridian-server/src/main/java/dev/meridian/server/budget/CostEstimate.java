package dev.meridian.server.budget;

import dev.meridian.core.budget.Money;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Message;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.server.pricing.EffectivePrice;

/**
 * The most a call can cost, which is what a budget reserves before it is sent: the request's input tokens, bounded
 * by the bytes of its body (every token of a byte-level tokenizer covers at least one byte, and a message's own
 * tokens fewer than its JSON syntax) plus {@value #IMAGE_TOKENS} per image (an image given by URL is worth more
 * tokens than its URL has bytes), at the higher of the input and cache-write prices; and the output bound ({@code max_tokens}, else the model's output
 * limit from the catalogue, else {@value #UNKNOWN_MAX_OUTPUT}) at the higher of the output and reasoning prices. An
 * unpriced deployment costs $0 (it is served and flagged, never refused). Nothing is tokenized: that costs tens of
 * microseconds per kilobyte and a second to load the encodings, which the hot path cannot pay, and the output
 * bound dominates the reservation anyway. The reservation settles to the real cost after the call.
 */
final class CostEstimate {

    /** Output assumed for a model whose limit the catalogue does not know and a request without max tokens. */
    static final int UNKNOWN_MAX_OUTPUT = 32_768;

    private CostEstimate() {}

    /** The most tokens one image costs (Anthropic's and OpenAI's high-detail images stay under it). */
    static final int IMAGE_TOKENS = 1_600;

    /** An upper bound of the input tokens of a request whose body has {@code bodyBytes} bytes. */
    static long inputBound(CanonicalRequest request, long bodyBytes) {
        long images = 0;
        if (request instanceof ChatRequest chat) {
            for (Message m : chat.messages()) {
                for (ContentPart part : m.content()) {
                    if (part instanceof ContentPart.Image) {
                        images++;
                    }
                }
            }
        }
        return bodyBytes + images * IMAGE_TOKENS;
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

    /** The maximum cost in nano-dollars of {@code request} at {@code pricing}, its input bounded already. */
    static long maxNanos(CanonicalRequest request, long inputBound, EffectivePrice pricing) {
        ModelPrice p = pricing.price();
        if (p == null) {
            return 0;
        }
        double perMillion = inputBound * Math.max(p.inputPerMillion(), p.cacheWritePerMillion())
                + outputBound(request, pricing) * Math.max(p.outputPerMillion(), p.reasoningPerMillion());
        return Money.ceilNanos(perMillion / 1_000_000.0);
    }

    /** Bounds the input by the body's {@code bodyBytes} and prices the maximum. */
    static long maxNanosOfBody(CanonicalRequest request, long bodyBytes, EffectivePrice pricing) {
        if (pricing.price() == null) {
            return 0;
        }
        return maxNanos(request, inputBound(request, bodyBytes), pricing);
    }

    /**
     * The tokens a rate or token quota reserves for a call: a token per four bytes of the body (plus the images),
     * and the output the request asked for ({@code max_tokens}; none when it did not ask). An estimate, as OpenAI's
     * own token limits count: the claim settles to the real usage.
     */
    static long tokenEstimate(CanonicalRequest request, long bodyBytes) {
        long input = (inputBound(request, bodyBytes) - bodyBytes) + (bodyBytes + 3) / 4;
        if (request instanceof ChatRequest chat && chat.maxOutputTokens() != null) {
            return input + Math.max(0, chat.maxOutputTokens());
        }
        return input;
    }
}
