package dev.meridian.core.provider;

import dev.meridian.core.error.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises, in a provider's refusal of the caller's request, the two refusals a router can answer by trying
 * another model: the prompt does not fit the model's context window, or the provider's content policy blocked it.
 * Structured codes are matched first; then, for providers whose only signal is the text, a short list of message
 * fragments, each quoting a provider's real wording:
 * <ul>
 *   <li>context window: code {@code context_length_exceeded} (OpenAI, Azure, Groq); "maximum context length is"
 *       (OpenAI's classic message, vLLM, DeepSeek, OpenRouter); "reduce the length of the messages" (OpenAI, Groq,
 *       Cerebras); "prompt is too long:" and "exceed context limit" (Anthropic); "exceeds the maximum number of
 *       tokens allowed" (Gemini);</li>
 *   <li>content policy: codes {@code content_policy_violation} (OpenAI) and {@code content_filter} (Azure, whose
 *       {@code innererror.code} is {@code ResponsibleAIPolicyViolation}); "violating our usage policy" (OpenAI's
 *       {@code invalid_prompt}, which is also used for other faults); "rejected as a result of our safety system"
 *       (OpenAI); "content management policy" (Azure); "blocked by content filtering policy" (Anthropic).</li>
 * </ul>
 * Only a refusal of the request is classified: a 413 is the body's size in bytes (Anthropic's
 * {@code request_too_large}), never the context window, and is left alone.
 */
final class UpstreamRejections {

    private static final Set<String> CONTEXT_CODES = Set.of("context_length_exceeded");
    private static final Set<String> POLICY_CODES = Set.of("content_policy_violation", "content_filter");
    private static final List<String> CONTEXT_PHRASES = List.of(
            "maximum context length is",
            "reduce the length of the messages",
            "prompt is too long:",
            "exceed context limit",
            "exceeds the maximum number of tokens allowed");
    private static final List<String> POLICY_PHRASES = List.of(
            "violating our usage policy",
            "rejected as a result of our safety system",
            "content management policy",
            "blocked by content filtering policy");

    private UpstreamRejections() {}

    /**
     * @param status       the provider's HTTP status, a 4xx already known to be a refusal of the request
     * @param providerCode the provider's error code or type, or null
     * @param message      the provider's error message, or null
     * @return {@link ErrorCode#CONTEXT_LENGTH_EXCEEDED}, {@link ErrorCode#CONTENT_POLICY}, or
     *         {@link ErrorCode#UPSTREAM_INVALID_REQUEST} when it is neither
     */
    static ErrorCode classify(int status, String providerCode, String message) {
        if (status == 413) {
            return ErrorCode.UPSTREAM_INVALID_REQUEST;
        }
        String code = providerCode == null ? "" : providerCode.toLowerCase(Locale.ROOT);
        if (CONTEXT_CODES.contains(code)) {
            return ErrorCode.CONTEXT_LENGTH_EXCEEDED;
        }
        if (POLICY_CODES.contains(code)) {
            return ErrorCode.CONTENT_POLICY;
        }
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (CONTEXT_PHRASES.stream().anyMatch(text::contains)) {
            return ErrorCode.CONTEXT_LENGTH_EXCEEDED;
        }
        if (POLICY_PHRASES.stream().anyMatch(text::contains)) {
            return ErrorCode.CONTENT_POLICY;
        }
        return ErrorCode.UPSTREAM_INVALID_REQUEST;
    }
}
