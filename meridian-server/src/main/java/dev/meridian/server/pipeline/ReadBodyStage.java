package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads the request body up to the configured limit. A declared {@code Content-Length} over the limit is
 * refused before reading; a body that grows past it while arriving is refused as soon as it does. Both
 * answer 413 and close the connection (the rest of the body is not read).
 */
public final class ReadBodyStage implements Stage {

    private final long maxBytes;

    public ReadBodyStage(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        HttpServerRequest request = ctx.caller().request();
        String declared = request.getHeader("content-length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -2;
            }
            if (length < 0) {
                throw GatewayException.of(ErrorCode.INVALID_HTTP, "Invalid Content-Length header: '" + declared + "'.");
            }
            if (length > maxBytes) {
                throw tooLarge(length);
            }
        }
        Promise<Reply> reply = Promise.promise();
        // Sized from Content-Length, but a declared size is not trusted with more than 64 KiB up front.
        BodyBytes body = new BodyBytes(length >= 0 ? (int) Math.min(length, 1 << 16) : 1024);
        request.handler(chunk -> {
            if (body.size + chunk.length() > maxBytes) {
                request.handler(null);
                reply.tryFail(tooLarge(-1));
                return;
            }
            body.append(chunk);
        });
        request.exceptionHandler(reply::tryFail);
        request.endHandler(v -> {
            if (reply.future().isComplete()) {
                return;
            }
            ctx.body(body.bytes());
            next.run(ctx).onComplete(reply);
        });
        request.resume(); // paused by AuthenticateStage while a key was looked up

        return reply.future();
    }

    /** The body's bytes, copied once from the network buffers (exactly sized when Content-Length was given). */
    private static final class BodyBytes {
        private byte[] bytes;
        private int size;

        BodyBytes(int expected) {
            bytes = new byte[expected];
        }

        void append(Buffer chunk) {
            int n = chunk.length();
            if (size + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            chunk.getBytes(0, n, bytes, size);
            size += n;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size);
        }
    }

    private GatewayException tooLarge(long length) {
        return GatewayException.of(
                ErrorCode.REQUEST_TOO_LARGE,
                "The request body" + (length >= 0 ? " (" + length + " bytes)" : "") + " exceeds the limit of "
                        + maxBytes + " bytes.");
    }
}
