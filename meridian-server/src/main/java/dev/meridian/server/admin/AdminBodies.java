package dev.meridian.server.admin;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Reads an admin request's body: JSON only ({@code Content-Type: application/json}, with {@code charset=utf-8} or no
 * charset; anything else carrying a body is 415 {@code unsupported_media_type}), at most
 * {@link AdminJson#MAX_BODY_BYTES} (else 413). A request without a body needs no content type.
 */
final class AdminBodies {

    private AdminBodies() {}

    /** The body's bytes, empty when there is none; runs on the request's event loop. */
    static Future<byte[]> read(HttpServerRequest request) {
        String type = request.getHeader("content-type");
        if (type != null && declaresBody(request)) {
            checkJson(type);
        }
        Promise<byte[]> done = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > AdminJson.MAX_BODY_BYTES) {
                request.handler(null);
                done.tryFail(GatewayException.of(
                        ErrorCode.REQUEST_TOO_LARGE,
                        "The request body exceeds the limit of " + AdminJson.MAX_BODY_BYTES + " bytes."));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(done::tryFail);
        request.endHandler(v -> {
            try {
                if (body.length() > 0) {
                    checkJson(type);
                }
                done.tryComplete(body.getBytes());
            } catch (GatewayException e) {
                done.tryFail(e);
            }
        });
        return done.future();
    }

    /** Whether the headers announce a body (a non-zero length, or chunks). */
    private static boolean declaresBody(HttpServerRequest request) {
        String length = request.getHeader("content-length");
        return (length != null && !length.strip().equals("0")) || request.getHeader("transfer-encoding") != null;
    }

    /** Fails with 415 unless {@code contentType} is {@code application/json}, in UTF-8 when a charset is named. */
    static void checkJson(String contentType) {
        if (!isJson(contentType)) {
            throw GatewayException.of(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The admin API reads JSON: send the body with `Content-Type: application/json`.");
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset")) {
                String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
