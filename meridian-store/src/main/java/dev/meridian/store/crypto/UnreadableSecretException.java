package dev.meridian.store.crypto;

/**
 * An envelope that cannot be opened: sealed under a key this process does not have, moved to another row, or
 * damaged. Its message names the key id and where the value was, never a key or the plaintext.
 */
public final class UnreadableSecretException extends RuntimeException {
    private final String keyId;

    public UnreadableSecretException(String message, String keyId) {
        super(message);
        this.keyId = keyId;
    }

    /** The key id the envelope names, or null when even that could not be read. */
    public String keyId() {
        return keyId;
    }
}
