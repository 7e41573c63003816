package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Reads Gemini's error body, Google's {@code {"error":{"code","message","status","details"}}}
 * (https://ai.google.dev/gemini-api/docs/troubleshooting, https://cloud.google.com/apis/design/errors), and
 * maps it through {@link UpstreamErrors} with {@code status} (INVALID_ARGUMENT, RESOURCE_EXHAUSTED...) as the
 * provider code. Two details matter:
 * <ul>
 *   <li>an invalid API key arrives as 400 INVALID_ARGUMENT with an {@code ErrorInfo} whose reason is
 *       {@code API_KEY_INVALID}: it is the gateway's credential that is wrong, so it is mapped as the 401 it
 *       means (502 {@code upstream_configuration_error}), with {@code API_KEY_INVALID} as the provider code;</li>
 *   <li>a 429 carries its wait in a {@code RetryInfo} detail ({@code "retryDelay":"26s"}); it is used as the
 *       retry-after, in whole seconds, when the response had no {@code Retry-After} header.</li>
 * </ul>
 */
public final class GeminiErrors {

    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private GeminiErrors() {}

    /** Maps a non-2xx answer; {@code retryAfter} is the {@code Retry-After} header or null. */
    public static GatewayException decode(String provider, int status, String retryAfter, byte[] body) {
        JsonNode error;
        try {
            JsonNode root = Json.parse(body);
            // Some Google front ends wrap the error in a one-element array.
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0);
            }
            error = root == null ? null : root.get("error");
        } catch (IOException | RuntimeException notJson) {
            error = null;
        }
        if (error == null || !error.isObject()) {
            return UpstreamErrors.fromStatus(provider, status, retryAfter, snippet(body), null);
        }
        return fromError(provider, status, retryAfter, error);
    }

    /**
     * Maps an error object that arrived inside a 200 event stream; its {@code code} is the HTTP status the
     * failure would have had (500 when absent).
     */
    public static GatewayException fromStreamError(String provider, JsonNode error) {
        int status = error.path("code").canConvertToInt() ? error.path("code").intValue() : 500;
        return fromError(provider, status, null, error);
    }

    private static GatewayException fromError(String provider, int status, String retryAfter, JsonNode error) {
        String code = Json.text(error, "status");
        if ("API_KEY_INVALID".equals(errorInfoReason(error))) {
            status = 401;
            code = "API_KEY_INVALID";
        }
        return UpstreamErrors.fromStatus(
                provider,
                status,
                retryAfter != null ? retryAfter : retryDelay(error),
                Json.text(error, "message"),
                code);
    }

    private static String errorInfoReason(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (ERROR_INFO.equals(Json.text(detail, "@type"))) {
                return Json.text(detail, "reason");
            }
        }
        return null;
    }

    /** {@code RetryInfo.retryDelay} (a protobuf Duration such as "26s" or "0.5s") in whole seconds, rounded up. */
    private static String retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            String delay = RETRY_INFO.equals(Json.text(detail, "@type")) ? Json.text(detail, "retryDelay") : null;
            if (delay != null && delay.endsWith("s")) {
                try {
                    return new BigDecimal(delay.substring(0, delay.length() - 1))
                            .setScale(0, RoundingMode.CEILING)
                            .toPlainString();
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? null : s;
    }
}
