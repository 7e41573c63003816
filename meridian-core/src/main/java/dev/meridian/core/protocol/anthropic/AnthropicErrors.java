package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic's error body, {@code {"type":"error","error":{"type","message"},"request_id"}}
 * (https://platform.claude.com/docs/en/api/errors), read into the gateway's error with the error
 * {@code type} as the provider code. The same object arrives as an {@code error} event inside a stream
 * that already answered 200 (https://platform.claude.com/docs/en/build-with-claude/streaming#error-events);
 * there its HTTP status is taken from the documented type-to-status table.
 */
public final class AnthropicErrors {

    private AnthropicErrors() {}

    /** Maps a non-2xx answer; tolerates bodies that are not JSON (a proxy's HTML page, an empty body). */
    public static GatewayException decode(String provider, int status, String retryAfter, byte[] body) {
        JsonNode error = null;
        try {
            JsonNode root = Json.parse(body);
            error = root == null ? null : root.get("error");
        } catch (IOException | RuntimeException notJson) {
            // fall through to the body's own text
        }
        if (error == null || !error.isObject()) {
            return UpstreamErrors.fromStatus(provider, status, retryAfter, snippet(body), null);
        }
        return UpstreamErrors.fromStatus(
                provider, status, retryAfter, Json.text(error, "message"), Json.text(error, "type"));
    }

    /** Maps an {@code error} event of a stream: {@code {"type":"error","error":{"type","message"}}}. */
    static GatewayException streamError(String provider, JsonNode event) {
        JsonNode error = event.path("error");
        String type = Json.text(error, "type");
        return UpstreamErrors.fromStatus(provider, statusOf(type), null, Json.text(error, "message"), type);
    }

    /** The documented HTTP status of each error type; an unknown type is treated as Anthropic's 500 api_error. */
    static int statusOf(String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "conflict_error" -> 409;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s;
    }
}
