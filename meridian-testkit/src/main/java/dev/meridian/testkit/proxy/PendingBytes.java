package dev.meridian.testkit.proxy;

import io.vertx.core.buffer.Buffer;

/**
 * Bytes received but not yet consumed: TCP delivers a message in arbitrary pieces, so parsers look
 * here until a whole one has arrived.
 *
 * <p>Never appends into a buffer that was handed out: {@link #take()} and slices of {@link #view()}
 * stay valid after more bytes arrive.
 */
final class PendingBytes {

    private Buffer bytes = Buffer.buffer();

    void append(Buffer data) {
        bytes = bytes.length() == 0
                ? data
                : Buffer.buffer(bytes.length() + data.length())
                        .appendBuffer(bytes)
                        .appendBuffer(data);
    }

    /** The unconsumed bytes; do not modify. */
    Buffer view() {
        return bytes;
    }

    int length() {
        return bytes.length();
    }

    /** Drops the first {@code n} bytes. */
    void consume(int n) {
        bytes = n == bytes.length() ? Buffer.buffer() : bytes.getBuffer(n, bytes.length());
    }

    /** Returns the first {@code n} bytes and drops them. */
    Buffer take(int n) {
        Buffer head = bytes.slice(0, n);
        consume(n);
        return head;
    }

    /** Returns all unconsumed bytes and drops them. */
    Buffer takeAll() {
        return take(bytes.length());
    }
}
