package dev.meridian.store.repo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key secrets: how they are made and hashed.
 *
 * <p>A secret is {@code sk-mer-} followed by 40 URL-safe characters from {@link SecureRandom} (240 random bits). It
 * is stored only as its SHA-256 hash. A fast, unsalted hash is right here, unlike for passwords: slow salted hashes
 * (bcrypt, argon2) defend low-entropy secrets against guessing, while a 240-bit random secret cannot be guessed
 * whatever the hash speed, and a fast deterministic hash lets the gateway find a key by an indexed equality lookup on
 * every request without a per-key salt.
 */
public final class ApiKeySecrets {
    /** What every secret starts with, so leaked keys are recognisable by secret scanners. */
    public static final String SECRET_PREFIX = "sk-mer-";
    /** How many leading characters of a secret are kept in the clear as the key's prefix. */
    public static final int SHOWN_PREFIX_LENGTH = 12;

    private static final int RANDOM_BYTES = 30; // 30 bytes = 40 base64url characters
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    /** A new random secret. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of {@code secret}: what the store keeps and looks keys up by. */
    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The part of {@code secret} that is safe to show. */
    public static String prefix(String secret) {
        return secret.substring(0, Math.min(SHOWN_PREFIX_LENGTH, secret.length()));
    }
}
