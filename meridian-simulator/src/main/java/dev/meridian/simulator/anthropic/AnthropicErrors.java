package dev.meridian.simulator.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Ids;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.ProviderError;
import dev.meridian.simulator.engine.SimResponse;
import java.util.Map;

/**
 * Anthropic's error body {@code {"type": "error", "error": {"type", "message"}, "request_id"}} with
 * the documented type for each status: 400 invalid_request_error, 401 authentication_error, 403
 * permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 500
 * api_error, 529 overloaded_error (other 4xx: invalid_request_error; other 5xx: api_error).
 *
 * <p>Source: https://docs.anthropic.com/en/api/errors
 */
final class AnthropicErrors {

    /** The context window the context-length refusal quotes. */
    private static final int CONTEXT_WINDOW = 200000;

    private final Ids ids;

    AnthropicErrors(Ids ids) {
        this.ids = ids;
    }

    SimResponse invalidRequest(String message) {
        return error(400, message, Directives.NONE);
    }

    SimResponse notFound(String message) {
        return error(404, message, Directives.NONE);
    }

    SimResponse authentication(String message) {
        return error(401, message, Directives.NONE);
    }

    /** The error a {@code status=} directive asks for, with the message the API uses for it. */
    SimResponse injected(int status, Directives directives) {
        String message = switch (status) {
            case 401 -> "invalid x-api-key";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "Not found";
            case 413 -> "Request exceeds the maximum allowed number of bytes.";
            case 429 ->
                "Number of request tokens has exceeded your per-minute rate limit "
                        + "(https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. "
                        + "Please reduce the prompt length or the maximum tokens requested, or try again later. You may "
                        + "also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a "
                        + "rate limit increase.";
            case 500 -> "Internal server error";
            case 529 -> "Overloaded";
            default -> "Simulated error with status " + status;
        };
        return error(status, message, directives);
    }

    /**
     * The refusal an {@code error=} directive asks for, both 400 invalid_request_error: "prompt is too
     * long: N tokens > 200000 maximum", or "Output blocked by content filtering policy" (as quoted in
     * entropy-research/Devon#88 and anthropics/claude-code#43487). A 413 request_too_large is the body's
     * size, not the context window.
     */
    SimResponse refused(ProviderError kind, int promptTokens, Directives directives) {
        String message = kind == ProviderError.CONTEXT_LENGTH
                ? "prompt is too long: " + (CONTEXT_WINDOW + promptTokens) + " tokens > " + CONTEXT_WINDOW + " maximum"
                : "Output blocked by content filtering policy";
        return error(400, message, directives);
    }

    SimResponse error(int status, String message, Directives directives) {
        String requestId = ids.next("req_011C", 20);
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type(status)).put("message", message);
        body.put("request_id", requestId);
        return new SimResponse.Body(status, Map.of("request-id", requestId), Json.bytes(body), directives);
    }

    static String type(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
