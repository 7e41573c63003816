package dev.meridian.store.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The master keys of this process: the current one, which seals every new secret, and older ones that only open
 * what they sealed until the re-encryption job has moved it to the current key. Without a current key nothing is
 * sealed ({@link #enabled()} is false) and values are stored as they come.
 *
 * <p>An envelope is {@code mk1:<keyId>:<base64 of nonce, ciphertext and tag>}: AES-256-GCM with a random 12-byte nonce
 * and a 128-bit tag, its associated data the place the value belongs to (table, column and row), so a ciphertext
 * copied to another row or column does not open. Values kept outside the database are sealed the same way as bytes
 * ({@link #sealBytes}): the same header in ASCII, then the nonce, ciphertext and tag unencoded. Thread-safe.
 */
public final class KeyRing {
    /** The current master key: 32 random bytes in base64. */
    public static final String CURRENT_ENV = "MERIDIAN_MASTER_KEY";
    /** Older master keys, comma-separated, for opening only (during a rotation). */
    public static final String PREVIOUS_ENV = "MERIDIAN_MASTER_KEY_PREVIOUS";

    static final String PREFIX = "mk1:";
    private static final int ID_CHARS = 8;
    /** {@code mk1:<keyId>:} */
    private static final int HEADER_CHARS = PREFIX.length() + ID_CHARS + 1;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final KeyRing NONE = new KeyRing(null, List.of());

    private final MasterKey current;
    private final Map<String, MasterKey> byId;
    private final SecureRandom random = new SecureRandom();

    private KeyRing(MasterKey current, List<MasterKey> previous) {
        this.current = current;
        Map<String, MasterKey> keys = new LinkedHashMap<>();
        if (current != null) {
            keys.put(current.id(), current);
        }
        previous.forEach(k -> keys.putIfAbsent(k.id(), k));
        this.byId = Collections.unmodifiableMap(keys);
    }

    /** No master key: nothing is sealed, and an envelope found in the database cannot be opened. */
    public static KeyRing none() {
        return NONE;
    }

    /** {@code current} seals; {@code previous} only open. */
    public static KeyRing of(MasterKey current, List<MasterKey> previous) {
        return new KeyRing(current, List.copyOf(previous));
    }

    /**
     * The keys of {@value #CURRENT_ENV} and {@value #PREVIOUS_ENV}; {@link #none()} when neither is set.
     *
     * @throws BadMasterKeyException when a value is not 32 bytes in base64, or older keys are set without a current
     */
    public static KeyRing fromEnvironment(Function<String, String> env) {
        String current = env.apply(CURRENT_ENV);
        String previous = env.apply(PREVIOUS_ENV);
        boolean hasPrevious = previous != null && !previous.isBlank();
        if (current == null || current.isBlank()) {
            if (hasPrevious) {
                throw new BadMasterKeyException(
                        PREVIOUS_ENV + " is set but " + CURRENT_ENV + " is not: older keys only open what they sealed,"
                                + " the current key seals. Set " + CURRENT_ENV + ".");
            }
            return NONE;
        }
        List<MasterKey> older = new ArrayList<>();
        if (hasPrevious) {
            String[] parts = previous.split(",");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    older.add(MasterKey.parse(PREVIOUS_ENV + " (entry " + (i + 1) + ")", parts[i]));
                }
            }
        }
        return of(MasterKey.parse(CURRENT_ENV, current), older);
    }

    /** Whether a current key is set, so that new secrets are sealed. */
    public boolean enabled() {
        return current != null;
    }

    /** The current key's id, or null. */
    public String currentId() {
        return current == null ? null : current.id();
    }

    /** Every key id this ring opens, the current first. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** Whether this ring opens envelopes of {@code keyId}. */
    public boolean opens(String keyId) {
        return byId.containsKey(keyId);
    }

    /** Whether {@code value} is an envelope (rather than a value stored in the clear). */
    public static boolean isEnvelope(String value) {
        return value != null
                && value.length() > PREFIX.length() + ID_CHARS + 1
                && value.startsWith(PREFIX)
                && value.charAt(PREFIX.length() + ID_CHARS) == ':';
    }

    /** The key id an envelope names, or null for a value in the clear. */
    public static String keyIdOf(String value) {
        return isEnvelope(value) ? value.substring(PREFIX.length(), PREFIX.length() + ID_CHARS) : null;
    }

    /** The SQL LIKE pattern of envelopes sealed under {@code keyId}. */
    public static String likeKey(String keyId) {
        return PREFIX + keyId + ":%";
    }

    /** The SQL LIKE pattern of every envelope. */
    public static String likeAny() {
        return PREFIX + "%";
    }

    /**
     * {@code plaintext} sealed under the current key for the place {@code where} (such as
     * {@code request_body.prompt:<request id>}); null stays null, and without a current key the value is returned
     * as it is.
     */
    public String seal(String plaintext, String where) {
        if (plaintext == null || current == null) {
            return plaintext;
        }
        byte[] sealed = encrypt(plaintext.getBytes(StandardCharsets.UTF_8), where);
        return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The plaintext of {@code value} stored at {@code where}: an envelope opened with the key it names, a value in the
     * clear returned as it is. Null stays null.
     *
     * @throws UnreadableSecretException when the envelope's key is not in this ring, or it was sealed for another
     *     place, or it is damaged
     */
    public String open(String value, String where) {
        if (!isEnvelope(value)) {
            return value;
        }
        String keyId = keyIdOf(value);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.substring(HEADER_CHARS));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("the value at " + where + " is a damaged envelope", keyId);
        }
        return new String(decrypt(keyId, bytes, 0, where), StandardCharsets.UTF_8);
    }

    /**
     * {@code plaintext} sealed under the current key for {@code where}, as bytes: the text envelope's header
     * ({@code mk1:<keyId>:}) in ASCII, then the nonce, ciphertext and tag as they are. For values kept outside the
     * database (the response cache's Redis tier).
     *
     * @throws IllegalStateException without a current key ({@link #enabled()} is false)
     */
    public byte[] sealBytes(byte[] plaintext, String where) {
        if (current == null) {
            throw new IllegalStateException("no current master key to seal with");
        }
        byte[] sealed = encrypt(plaintext, where);
        byte[] out = new byte[HEADER_CHARS + sealed.length];
        System.arraycopy((PREFIX + current.id() + ":").getBytes(StandardCharsets.US_ASCII), 0, out, 0, HEADER_CHARS);
        System.arraycopy(sealed, 0, out, HEADER_CHARS, sealed.length);
        return out;
    }

    /**
     * The plaintext of a byte envelope ({@link #sealBytes}) stored at {@code where}.
     *
     * @throws UnreadableSecretException when {@code value} is not a byte envelope, its key is not in this ring, it
     *     was sealed for another place, or it is damaged
     */
    public byte[] openBytes(byte[] value, String where) {
        if (!isEnvelope(value)) {
            throw new UnreadableSecretException("the value at " + where + " is not sealed", null);
        }
        String keyId = new String(value, PREFIX.length(), ID_CHARS, StandardCharsets.US_ASCII);
        return decrypt(keyId, value, HEADER_CHARS, where);
    }

    /** Whether {@code value} begins as a byte envelope does ({@code mk1:<8 characters>:}). */
    public static boolean isEnvelope(byte[] value) {
        if (value == null || value.length <= HEADER_CHARS || value[HEADER_CHARS - 1] != ':') {
            return false;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (value[i] != PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The nonce, then the ciphertext and tag of {@code plaintext} under the current key, bound to {@code where}. */
    private byte[] encrypt(byte[] plaintext, String where) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, current.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(current.id(), where));
            byte[] sealed = cipher.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
            return out.put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** The plaintext of the nonce, ciphertext and tag in {@code bytes} from {@code offset}, sealed under keyId. */
    private byte[] decrypt(String keyId, byte[] bytes, int offset, String where) {
        MasterKey key = byId.get(keyId);
        if (key == null) {
            throw new UnreadableSecretException(
                    "the value at " + where + " is sealed under master key id " + keyId
                            + ", which is not configured: set" + " that key in " + CURRENT_ENV + " or " + PREVIOUS_ENV,
                    keyId);
        }
        if (bytes.length - offset < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("the value at " + where + " is a damaged envelope", keyId);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(
                    Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, bytes, offset, NONCE_BYTES));
            cipher.updateAAD(aad(keyId, where));
            return cipher.doFinal(bytes, offset + NONCE_BYTES, bytes.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(
                    "the value at " + where + " does not open under master key id " + keyId
                            + ": it was sealed for another row or column, or altered",
                    keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** Whether {@code value} needs re-sealing: an envelope under a key other than the current one. */
    public boolean stale(String value) {
        return current != null && isEnvelope(value) && !current.id().equals(keyIdOf(value));
    }

    private static byte[] aad(String keyId, String where) {
        return (PREFIX + keyId + ":" + where).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "KeyRing" + byId.keySet() + (current == null ? " (no current key)" : " current " + current.id());
    }
}
