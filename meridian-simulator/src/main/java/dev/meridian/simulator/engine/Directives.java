package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a test asks the simulator to do to one request: fail, stall, break the stream, or answer
 * something specific. Directives come from a {@code [sim ...]} block in the last message of a
 * conversation (see {@link DirectiveSyntax}) or from a queued fault; both use the same names.
 *
 * <table>
 *   <caption>Directive names</caption>
 *   <tr><td>{@code status=<code>}</td><td>answer with that HTTP status, in the protocol's error shape</td></tr>
 *   <tr><td>{@code retry_after=<s>}</td><td>add {@code Retry-After: s} to an error</td></tr>
 *   <tr><td>{@code delay_ms=<n>}</td><td>wait before sending the response headers</td></tr>
 *   <tr><td>{@code hang}</td><td>never answer and never close</td></tr>
 *   <tr><td>{@code cut_after=<n>}</td><td>stream: close the connection after n events; otherwise after n body bytes</td></tr>
 *   <tr><td>{@code malformed}</td><td>a body (or one stream event) that is not valid JSON</td></tr>
 *   <tr><td>{@code chunk_delay_ms=<n>}</td><td>wait between stream events</td></tr>
 *   <tr><td>{@code reply=<text>}</td><td>the exact reply text</td></tr>
 *   <tr><td>{@code tokens=<n>}</td><td>a reply of n tokens</td></tr>
 *   <tr><td>{@code tool=<name>}</td><td>call that tool</td></tr>
 *   <tr><td>{@code redacted_thinking}</td><td>Anthropic: a redacted_thinking block instead of thinking</td></tr>
 *   <tr><td>{@code safety}</td><td>a content-filter stop (SAFETY / refusal / content_filter)</td></tr>
 *   <tr><td>{@code cached=<n>}</td><td>report n cached prompt tokens</td></tr>
 *   <tr><td>{@code prompt_blocked}</td><td>Gemini: promptFeedback.blockReason SAFETY, no candidates</td></tr>
 *   <tr><td>{@code error=<class>}</td><td>chat: the provider's real refusal of that {@link ProviderError} class</td></tr>
 * </table>
 */
public record Directives(
        OptionalInt status,
        OptionalInt retryAfterSeconds,
        OptionalInt delayMs,
        boolean hang,
        OptionalInt cutAfter,
        boolean malformed,
        OptionalInt chunkDelayMs,
        Optional<String> reply,
        OptionalInt tokens,
        Optional<String> tool,
        boolean redactedThinking,
        boolean safety,
        OptionalInt cached,
        boolean promptBlocked,
        Optional<ProviderError> error) {

    /** No directive at all: the simulator answers normally. */
    public static final Directives NONE = new Directives(
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            false,
            OptionalInt.empty(),
            false,
            OptionalInt.empty(),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            false,
            false,
            OptionalInt.empty(),
            false,
            Optional.empty());

    public Directives {
        requireNonNull(status, "status");
        requireNonNull(retryAfterSeconds, "retryAfterSeconds");
        requireNonNull(delayMs, "delayMs");
        requireNonNull(cutAfter, "cutAfter");
        requireNonNull(chunkDelayMs, "chunkDelayMs");
        requireNonNull(reply, "reply");
        requireNonNull(tokens, "tokens");
        requireNonNull(tool, "tool");
        requireNonNull(cached, "cached");
        requireNonNull(error, "error");
        status.ifPresent(s -> check(s >= 100 && s <= 599, "status must be an HTTP status, got " + s));
        check(nonNegative(retryAfterSeconds), "retry_after must be >= 0");
        check(nonNegative(delayMs), "delay_ms must be >= 0");
        check(nonNegative(cutAfter), "cut_after must be >= 0");
        check(nonNegative(chunkDelayMs), "chunk_delay_ms must be >= 0");
        check(tokens.orElse(1) >= 1, "tokens must be >= 1");
        check(nonNegative(cached), "cached must be >= 0");
    }

    /**
     * This set with every field that {@code other} sets replaced by other's value (flags are ORed).
     */
    public Directives overriddenBy(Directives other) {
        return new Directives(
                or(other.status, status),
                or(other.retryAfterSeconds, retryAfterSeconds),
                or(other.delayMs, delayMs),
                hang || other.hang,
                or(other.cutAfter, cutAfter),
                malformed || other.malformed,
                or(other.chunkDelayMs, chunkDelayMs),
                other.reply.isPresent() ? other.reply : reply,
                or(other.tokens, tokens),
                other.tool.isPresent() ? other.tool : tool,
                redactedThinking || other.redactedThinking,
                safety || other.safety,
                or(other.cached, cached),
                promptBlocked || other.promptBlocked,
                other.error.isPresent() ? other.error : error);
    }

    /** True when a status directive asks for an error response. */
    public boolean failsWithStatus() {
        return status.isPresent() && status.getAsInt() >= 400;
    }

    public Directives withStatus(int code) {
        return DirectiveSyntax.apply(this, "status", Integer.toString(code));
    }

    public Directives withRetryAfterSeconds(int seconds) {
        return DirectiveSyntax.apply(this, "retry_after", Integer.toString(seconds));
    }

    public Directives withDelayMs(int millis) {
        return DirectiveSyntax.apply(this, "delay_ms", Integer.toString(millis));
    }

    public Directives withHang() {
        return DirectiveSyntax.apply(this, "hang", "true");
    }

    public Directives withCutAfter(int count) {
        return DirectiveSyntax.apply(this, "cut_after", Integer.toString(count));
    }

    public Directives withMalformed() {
        return DirectiveSyntax.apply(this, "malformed", "true");
    }

    public Directives withChunkDelayMs(int millis) {
        return DirectiveSyntax.apply(this, "chunk_delay_ms", Integer.toString(millis));
    }

    public Directives withReply(String text) {
        return DirectiveSyntax.apply(this, "reply", requireNonNull(text, "text"));
    }

    public Directives withTokens(int count) {
        return DirectiveSyntax.apply(this, "tokens", Integer.toString(count));
    }

    public Directives withTool(String name) {
        return DirectiveSyntax.apply(this, "tool", requireNonNull(name, "name"));
    }

    public Directives withRedactedThinking() {
        return DirectiveSyntax.apply(this, "redacted_thinking", "true");
    }

    public Directives withSafety() {
        return DirectiveSyntax.apply(this, "safety", "true");
    }

    public Directives withCached(int tokens) {
        return DirectiveSyntax.apply(this, "cached", Integer.toString(tokens));
    }

    public Directives withPromptBlocked() {
        return DirectiveSyntax.apply(this, "prompt_blocked", "true");
    }

    public Directives withError(ProviderError kind) {
        return DirectiveSyntax.apply(this, "error", kind.directiveName());
    }

    private static OptionalInt or(OptionalInt preferred, OptionalInt fallback) {
        return preferred.isPresent() ? preferred : fallback;
    }

    private static boolean nonNegative(OptionalInt value) {
        return value.orElse(0) >= 0;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
