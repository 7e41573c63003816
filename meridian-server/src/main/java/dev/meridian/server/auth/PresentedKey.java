package dev.meridian.server.auth;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import io.vertx.core.http.HttpServerRequest;

/**
 * The key a caller presents: {@code Authorization: Bearer <key>} (OpenAI SDKs) or {@code x-api-key} (Anthropic SDKs).
 * When both carry keys and they differ, neither is picked: the request is refused, without naming either key.
 */
public final class PresentedKey {

    private PresentedKey() {}

    /**
     * The presented key, trimmed, or null when none is.
     *
     * @throws GatewayException 401 {@code invalid_api_key} when the two headers carry different keys
     */
    public static String of(HttpServerRequest request) {
        String bearer = bearer(request.getHeader("authorization"));
        String apiKey = request.getHeader("x-api-key");
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        if (bearer != null && apiKey != null && !bearer.equals(apiKey)) {
            throw GatewayException.of(
                    ErrorCode.INVALID_API_KEY,
                    "Two different API keys were presented, in Authorization and in x-api-key;"
                            + " send one key, in one header.");
        }
        return bearer != null ? bearer : apiKey;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).trim();
        return key.isEmpty() ? null : key;
    }
}
