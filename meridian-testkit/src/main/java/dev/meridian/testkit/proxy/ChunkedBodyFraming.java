package dev.meridian.testkit.proxy;

import io.vertx.core.buffer.Buffer;

/** Tracks chunk boundaries of a chunked body (RFC 9112 §7.1) without decoding or keeping it. */
final class ChunkedBodyFraming implements BodyFraming {

    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILERS = 64 * 1024;

    private enum State {
        SIZE_LINE,
        DATA,
        DATA_CR,
        DATA_LF,
        TRAILERS,
        DONE
    }

    private State state = State.SIZE_LINE;
    private final StringBuilder sizeLine = new StringBuilder();
    private long remaining;
    private int trailerLineLength;
    private int trailerBytes;

    @Override
    public int advance(Buffer in, int from) throws RejectedRequestException {
        int i = from;
        while (i < in.length() && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(remaining, in.length() - i);
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
            } else {
                accept(in.getByte(i++));
            }
        }
        return i;
    }

    @Override
    public boolean complete() {
        return state == State.DONE;
    }

    private void accept(byte b) throws RejectedRequestException {
        switch (state) {
            case SIZE_LINE -> {
                if (b == '\n') {
                    remaining = parseSize(sizeLine);
                    sizeLine.setLength(0);
                    state = remaining == 0 ? State.TRAILERS : State.DATA;
                } else if (sizeLine.length() >= MAX_LINE) {
                    throw bad("chunk size line too long");
                } else {
                    sizeLine.append((char) (b & 0xff));
                }
            }
            case DATA_CR -> {
                if (b != '\r' && b != '\n') {
                    throw bad("chunk data not followed by CRLF");
                }
                state = b == '\r' ? State.DATA_LF : State.SIZE_LINE;
            }
            case DATA_LF -> {
                if (b != '\n') {
                    throw bad("chunk data not followed by CRLF");
                }
                state = State.SIZE_LINE;
            }
            case TRAILERS -> {
                if (++trailerBytes > MAX_TRAILERS) {
                    throw bad("trailer section too long");
                }
                if (b == '\n') {
                    state = trailerLineLength == 0 ? State.DONE : State.TRAILERS;
                    trailerLineLength = 0;
                } else if (b != '\r') {
                    trailerLineLength++;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** The chunk size before any extension (RFC 9112 §7.1.1), hex, bounded so it cannot overflow. */
    private static long parseSize(CharSequence line) throws RejectedRequestException {
        String text = line.toString();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        int semicolon = text.indexOf(';');
        String digits = (semicolon < 0 ? text : text.substring(0, semicolon)).stripTrailing();
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw bad("malformed chunk size: " + text);
        }
        return Long.parseLong(digits, 16);
    }

    private static RejectedRequestException bad(String message) {
        return new RejectedRequestException(ProxyStatus.BAD_REQUEST, message);
    }
}
