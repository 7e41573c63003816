package dev.meridian.server.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids. The gateway always makes its own: it keys the request log, so a caller must not be able to
 * choose it (a repeated id would hide requests from accounting, or another tenant's). The caller's own
 * {@code x-request-id}, when it is a sane token, is kept beside it for correlation.
 */
public final class RequestIds {

    private RequestIds() {}

    /**
     * A fresh id: {@code req_} and 32 hex digits, the first 12 the time in milliseconds, the other 20 random. Ids
     * made later sort later, so the request log's primary-key index grows at its end instead of at random
     * places: far fewer pages to write per batch.
     */
    public static String fresh() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] id = new char[36];
        id[0] = 'r';
        id[1] = 'e';
        id[2] = 'q';
        id[3] = '_';
        hex(System.currentTimeMillis(), id, 4, 12);
        hex(r.nextLong(), id, 16, 16);
        hex(r.nextInt(), id, 32, 4);
        return new String(id);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex(long value, char[] into, int at, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** The caller's {@code x-request-id} when it is a sane token (at most 128 of {@code A-Za-z0-9._:-}), else null. */
    public static String client(String presented) {
        return presented != null
                        && !presented.isEmpty()
                        && presented.length() <= 128
                        && CLIENT_ID.matcher(presented).matches()
                ? presented
                : null;
    }

    private static final java.util.regex.Pattern CLIENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");
}
