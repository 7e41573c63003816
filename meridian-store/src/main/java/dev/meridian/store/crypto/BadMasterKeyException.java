package dev.meridian.store.crypto;

/** A master key setting that is not 32 bytes in base64. Its message names the setting, never the value. */
public final class BadMasterKeyException extends IllegalArgumentException {
    public BadMasterKeyException(String message) {
        super(message);
    }
}
