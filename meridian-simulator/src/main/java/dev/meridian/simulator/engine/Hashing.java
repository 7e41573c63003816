package dev.meridian.simulator.engine;

/** A fast, stable 64-bit string hash (FNV-1a over UTF-16 code units) for seeds and cache keys. */
public final class Hashing {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Hashing() {}

    public static long fnv1a64(String text) {
        long hash = OFFSET;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hash = (hash ^ (c & 0xff)) * PRIME;
            hash = (hash ^ (c >>> 8)) * PRIME;
        }
        return hash;
    }
}
