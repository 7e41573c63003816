package dev.meridian.server.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids. The gateway always makes its own: it keys the request log, so a caller must not be able to
 * choose it (a repeated id would hide requests from accounting, or another tenant's). The caller's own
 * {@code x-request-id}, when it is a sane token, is kept beside it for correlation.
 */
public final class RequestIds {

    private RequestIds() {
    }

    /** A fresh id: {@code req_} and 32 hex digits. */
    public static String fresh() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    /** The caller's {@code x-request-id} when it is a sane token (at most 128 of {@code A-Za-z0-9._:-}), else null. */
    public static String client(String presented) {
        return presented != null && !presented.isEmpty() && presented.length() <= 128
                && presented.matches("[A-Za-z0-9._:-]+") ? presented : null;
    }
}
