package dev.meridian.core.inbound;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable prefix of a chat request, the part a provider's prompt cache can reuse on the next call: the tools,
 * the system prompt and the earlier turns, everything but the last message. Held as a SHA-256 digest of its
 * bytes, never its text.
 *
 * @param digest the SHA-256 of the prefix's bytes as the caller sent them (32 bytes)
 * @param bytes  the prefix's length in bytes, for {@link dev.meridian.core.tokens.TokenEstimate}
 */
public record PromptPrefix(byte[] digest, long bytes) {

    private static final String KEY_PREFIX = "mrd-";

    public PromptPrefix {
        requireNonNull(digest, "digest");
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
    }

    /** 64 bits of the digest, for rendezvous hashing over deployments. */
    public long fingerprint() {
        long f = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            f = (f << 8) | (digest[i] & 0xff);
        }
        return f;
    }

    /**
     * The provider cache key for this prefix as sent by {@code tenant} (null for keys from the configuration
     * file): {@code mrd-} and 32 hex digits of SHA-256(tenant, prefix digest). Same tenant and prefix, same key;
     * neither can be read back from it. Example: {@code mrd-3f1c0e9a7b2d4c5e8f9a0b1c2d3e4f50}.
     */
    public String cacheKey(String tenant) {
        MessageDigest sha = sha256();
        sha.update((tenant == null ? "" : tenant).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(digest);
        return KEY_PREFIX + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** A new SHA-256 digest (every JVM has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JVM algorithm", e);
        }
    }
}
