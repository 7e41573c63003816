package dev.meridian.store.repo;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Entity ids: a type prefix and 16 random hex digits, e.g. {@code ten_9f2c41d07ab3e815}. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String next(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
