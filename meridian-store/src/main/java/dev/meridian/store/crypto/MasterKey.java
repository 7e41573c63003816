package dev.meridian.store.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 256-bit master key and its id: the first 8 hex digits of SHA-256 over a domain string and the key, so that
 * operators never name keys and an id says nothing of its key. {@link #toString()} shows the id only.
 */
public final class MasterKey {
    private static final byte[] ID_DOMAIN = "meridian master key id v1\0".getBytes(StandardCharsets.US_ASCII);
    static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = idOf(bytes);
    }

    /**
     * The key of {@code base64}, which must decode to exactly 32 bytes.
     *
     * @param name what the value is called in errors (an environment variable); the value itself is never shown
     * @throws BadMasterKeyException when it is not base64 or not 32 bytes long
     */
    public static MasterKey parse(String name, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadMasterKeyException(name + " is not base64: it must be 32 random bytes in base64 (for example"
                    + " the output of `openssl rand -base64 32`)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new BadMasterKeyException(name + " decodes to " + bytes.length + " bytes; it must be 32 random bytes"
                    + " in base64 (for example the output of `openssl rand -base64 32`)");
        }
        return new MasterKey(bytes);
    }

    /** The key's id, 8 lower-case hex digits. */
    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ID_DOMAIN);
            byte[] digest = sha.digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
