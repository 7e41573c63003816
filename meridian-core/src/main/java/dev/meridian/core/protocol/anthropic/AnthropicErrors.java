package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic's error body, {@code {"type":"error","error":{"type","message"},"request_id"}}
 * (https://platform.claude.com/docs/en/api/errors), read into the gateway's error with the error
 * {@code type} as the provider code. The same object arrives as an {@code error} event inside a stream
 * that already answered 200 (https://platform.claude.com/docs/en/build-with-claude/streaming#error-events);
 * there its HTTP status is taken from the documented type-to-status table.
 *
 * <p>The other direction renders the gateway's errors for callers of the Messages API in the same shape: the
 * error {@code type} by {@link #type}, the HTTP status by {@link #status} (Anthropic's 529 {@code overloaded_error}
 * where the gateway is overloaded or has no deployment left), the offending field ({@code param}) named in the
 * message, since Anthropic's error object has no field for it.
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

    /** The gateway's error as Anthropic's error body. */
    public static byte[] encode(GatewayException e) {
        return write(e, false);
    }

    /** The gateway's error as Anthropic's stream {@code error} event, which ends a stream that already answered 200. */
    public static byte[] errorEvent(GatewayException e) {
        return write(e, true);
    }

    private static byte[] write(GatewayException e, boolean event) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            if (event) {
                g.writeRaw("event: error\ndata: ");
            }
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeObjectFieldStart("error");
            g.writeStringField("type", type(e));
            g.writeStringField("message", message(e));
            g.writeEndObject();
            g.writeEndObject();
            if (event) {
                g.writeRaw("\n\n");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** The message, with the offending field in front when the message does not already name it. */
    static String message(GatewayException e) {
        String message = e.getMessage();
        if (e.param() != null && !message.contains(e.param())) {
            return e.param() + ": " + message;
        }
        return message;
    }

    /**
     * Anthropic's error type (https://platform.claude.com/docs/en/api/errors) for the gateway's error: 401
     * authentication_error, 403 permission_error, 404 not_found_error, 413 request_too_large, 429
     * rate_limit_error (budgets and quotas too: a limit over a period), 504 timeout_error, 529 overloaded_error,
     * other 5xx api_error, other 4xx invalid_request_error. A provider's own overloaded_error stays one.
     */
    public static String type(GatewayException e) {
        int status = status(e);
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * The HTTP status for a caller of the Messages API: the gateway's own, except that shedding load, having no
     * deployment left, shutting down and a provider's overloaded_error answer Anthropic's 529, which the SDKs retry.
     */
    public static int status(GatewayException e) {
        if (e.status() == 503
                && (e.code() == ErrorCode.OVERLOADED
                        || e.code() == ErrorCode.NO_AVAILABLE_DEPLOYMENT
                        || e.code() == ErrorCode.SHUTTING_DOWN)) {
            return 529;
        }
        if (e.status() >= 500 && "overloaded_error".equals(e.providerCode())) {
            return 529;
        }
        return e.status();
    }
}
