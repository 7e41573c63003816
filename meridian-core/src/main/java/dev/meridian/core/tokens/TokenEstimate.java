package dev.meridian.core.tokens;

/**
 * A token count estimated from a length, for decisions that must be cheap and need only the order of magnitude
 * (is this prompt prefix past a provider's minimum cacheable length?), so that no large body is tokenized on an
 * event loop. English prose runs at about {@value #CHARS_PER_TOKEN} characters per token in OpenAI's and Anthropic's
 * tokenizers; code, JSON and most other languages take fewer characters per token, so they are underestimated, which
 * errs on the side of not acting. Use {@link TokenCounter} where the count itself matters.
 */
public final class TokenEstimate {

    /** Characters (or UTF-8 bytes of mostly ASCII JSON) per token assumed. */
    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {}

    /** The estimated tokens of {@code chars} characters (or bytes). */
    public static long fromChars(long chars) {
        return chars / CHARS_PER_TOKEN;
    }
}
