package dev.meridian.server.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the caller's {@code x-request-id} when it is a sane token, else a fresh random one. */
public final class RequestIds {

    private RequestIds() {
    }

    public static String of(String presented) {
        if (presented != null && presented.length() <= 128 && presented.matches("[A-Za-z0-9._:-]+")) {
            return presented;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }
}
