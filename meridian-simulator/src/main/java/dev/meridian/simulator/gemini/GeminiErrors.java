package dev.meridian.simulator.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.SimResponse;

/**
 * Google's error body {@code {"error": {"code", "message", "status"}}} with the canonical status
 * names (400 INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 429
 * RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE, 504 DEADLINE_EXCEEDED).
 *
 * <p>Sources: https://ai.google.dev/gemini-api/docs/troubleshooting ,
 * https://cloud.google.com/apis/design/errors
 */
final class GeminiErrors {

    /** The context window the context-length refusal quotes. */
    private static final int CONTEXT_WINDOW = 1048576;

    private GeminiErrors() {}

    static SimResponse invalidArgument(String message) {
        return error(400, message, Directives.NONE);
    }

    static SimResponse notFound(String message) {
        return error(404, message, Directives.NONE);
    }

    /** No key at all: Google answers 403, not 401. */
    static SimResponse missingKey() {
        return error(
                403,
                "Method doesn't allow unregistered callers (callers without established identity). "
                        + "Please use API Key or other form of API consumer identity to call this API.",
                Directives.NONE);
    }

    /** A wrong key: Google answers 400 INVALID_ARGUMENT with reason API_KEY_INVALID. */
    static SimResponse wrongKey() {
        String message = "API key not valid. Please pass a valid API key.";
        ObjectNode body = body(400, message);
        ObjectNode info = ((ObjectNode) body.get("error")).putArray("details").addObject();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", "API_KEY_INVALID")
                .put("domain", "googleapis.com")
                .putObject("metadata")
                .put("service", "generativelanguage.googleapis.com");
        return SimResponse.json(400, body);
    }

    /** The error a {@code status=} directive asks for, with the message Google uses for it. */
    static SimResponse injected(int status, Directives directives) {
        String message = switch (status) {
            case 429 ->
                "You exceeded your current quota, please check your plan and billing details. For more "
                        + "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";
            case 500 ->
                "An internal error has occurred. Please retry or report in "
                        + "https://developers.generativeai.google/guide/troubleshooting";
            case 503 -> "The model is overloaded. Please try again later.";
            case 504 -> "Deadline expired before operation could complete.";
            default -> "Simulated error with status " + status + ".";
        };
        return error(status, message, directives);
    }

    /**
     * The context-window refusal of an {@code error=context_length} directive: 400 INVALID_ARGUMENT
     * "The input token count (N) exceeds the maximum number of tokens allowed (1048576)." (as quoted in
     * google-gemini/gemini-cli#4118). Gemini has no error for a content-policy block: it answers 200
     * with {@code promptFeedback.blockReason} (see the handler).
     */
    static SimResponse contextLength(int promptTokens, Directives directives) {
        return error(
                400,
                "The input token count (" + (CONTEXT_WINDOW + promptTokens) + ") exceeds the maximum "
                        + "number of tokens allowed (" + CONTEXT_WINDOW + ").",
                directives);
    }

    static SimResponse error(int status, String message, Directives directives) {
        return SimResponse.json(status, body(status, message), directives);
    }

    private static ObjectNode body(int status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", status).put("message", message).put("status", statusName(status));
        return body;
    }

    static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
