package dev.meridian.testkit.proxy;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Finds where one request's body ends (RFC 9112 §6) while its bytes stream past unchanged, so the
 * next request head on the connection can be found without buffering any body.
 */
sealed interface BodyFraming permits BodyFraming.Fixed, ChunkedBodyFraming {

    /**
     * Consumes bytes of this body from {@code in}, starting at {@code from}.
     *
     * @return the index just past the last byte that belongs to this body
     * @throws RejectedRequestException if the framing is malformed
     */
    int advance(Buffer in, int from) throws RejectedRequestException;

    /** Whether the whole body has been consumed. */
    boolean complete();

    /** The framing a request head declares; rejects what a proxy cannot frame safely. */
    static BodyFraming of(HttpRequestHead head) throws RejectedRequestException {
        List<String> codings = head.listValues("Transfer-Encoding");
        List<String> lengths = head.listValues("Content-Length");
        if (!codings.isEmpty()) {
            if (!lengths.isEmpty()) {
                // Either could be the one a server believes: the request smuggling case (RFC 9112 §6.3).
                throw bad("both Transfer-Encoding and Content-Length");
            }
            if (!codings.get(codings.size() - 1).equals("chunked")) {
                throw bad("Transfer-Encoding must end with chunked, got " + codings);
            }
            return new ChunkedBodyFraming();
        }
        if (lengths.isEmpty()) {
            return new Fixed(0);
        }
        if (lengths.stream().distinct().count() != 1
                || lengths.get(0).length() > 18
                || !lengths.get(0).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad("invalid Content-Length " + lengths);
        }
        return new Fixed(Long.parseLong(lengths.get(0)));
    }

    private static RejectedRequestException bad(String message) {
        return new RejectedRequestException(ProxyStatus.BAD_REQUEST, message);
    }

    /** A body of known length, possibly zero. */
    final class Fixed implements BodyFraming {
        private long remaining;

        Fixed(long length) {
            this.remaining = length;
        }

        @Override
        public int advance(Buffer in, int from) {
            int n = (int) Math.min(remaining, in.length() - from);
            remaining -= n;
            return from + n;
        }

        @Override
        public boolean complete() {
            return remaining == 0;
        }
    }
}
