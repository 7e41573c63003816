package dev.meridian.server.journal;

import net.openhft.hashing.LongHashFunction;

/**
 * The prompt fingerprint of a request record: XXH3's 64-bit hash of the request body as the caller sent it.
 * Byte-identical requests have the same fingerprint, so the suggestions report counts repeats without storing
 * bodies; two different prompts share one with probability about 2^-64 per pair, harmless for an estimate (it is
 * never used to serve anything). XXH3 rather than a cryptographic digest: it runs on the event loop when the request
 * ends, and SHA-256 cost 0.75 µs per KB there, some 60 % of the pass-through scan of the same body
 * (PromptFingerprintBenchmark, docs/benchmarks.md). Thread-safe.
 */
public final class PromptFingerprint {

    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private PromptFingerprint() {}

    /** The fingerprint of {@code body}, or null when there is no body (null or empty). */
    public static Long of(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        return XXH3.hashBytes(body);
    }
}
