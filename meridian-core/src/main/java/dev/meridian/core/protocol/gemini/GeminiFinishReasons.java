package dev.meridian.core.protocol.gemini;

import static java.util.Map.entry;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.FinishReason;
import java.util.Map;
import java.util.Set;

/**
 * Gemini's {@code Candidate.finishReason} in the gateway's terms, as one explicit table. Enum reference:
 * https://ai.google.dev/api/generate-content#FinishReason
 *
 * <ul>
 *   <li>STOP is {@code stop}, or {@code tool_calls} when the candidate called functions (Gemini has no
 *       separate reason for that);</li>
 *   <li>the safety and policy family, and LANGUAGE (the model declined the input's language), withheld the
 *       answer: {@code content_filter};</li>
 *   <li>MALFORMED_FUNCTION_CALL and UNEXPECTED_TOOL_CALL mean the model failed to produce a usable answer:
 *       an upstream error (502, retryable), never an empty success;</li>
 *   <li>OTHER, FINISH_REASON_UNSPECIFIED and values added after this table: {@code stop}, the text delivered
 *       as it is.</li>
 * </ul>
 */
final class GeminiFinishReasons {

    private static final Map<String, FinishReason> TABLE = Map.ofEntries(
            entry("STOP", FinishReason.STOP),
            entry("MAX_TOKENS", FinishReason.LENGTH),
            entry("SAFETY", FinishReason.CONTENT_FILTER),
            entry("RECITATION", FinishReason.CONTENT_FILTER),
            entry("LANGUAGE", FinishReason.CONTENT_FILTER),
            entry("BLOCKLIST", FinishReason.CONTENT_FILTER),
            entry("PROHIBITED_CONTENT", FinishReason.CONTENT_FILTER),
            entry("SPII", FinishReason.CONTENT_FILTER),
            entry("IMAGE_SAFETY", FinishReason.CONTENT_FILTER),
            entry("IMAGE_PROHIBITED_CONTENT", FinishReason.CONTENT_FILTER),
            entry("IMAGE_RECITATION", FinishReason.CONTENT_FILTER),
            entry("OTHER", FinishReason.STOP),
            entry("FINISH_REASON_UNSPECIFIED", FinishReason.STOP));

    private static final Set<String> FAILURES = Set.of("MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL");

    private GeminiFinishReasons() {}

    /**
     * @param calledTools   whether the candidate produced at least one function call
     * @param finishMessage Gemini's {@code finishMessage}, or null
     * @throws GatewayException {@link ErrorCode#UPSTREAM_ERROR} for the reasons that mean the model failed
     */
    static FinishReason map(String provider, String reason, boolean calledTools, String finishMessage) {
        if (FAILURES.contains(reason)) {
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider
                                    + "' ended the answer with finishReason " + reason
                                    + (finishMessage == null ? "" : ": " + finishMessage))
                    .provider(provider)
                    .providerCode(reason)
                    .build();
        }
        FinishReason mapped = TABLE.getOrDefault(reason, FinishReason.STOP);
        return mapped == FinishReason.STOP && calledTools ? FinishReason.TOOL_CALLS : mapped;
    }
}
