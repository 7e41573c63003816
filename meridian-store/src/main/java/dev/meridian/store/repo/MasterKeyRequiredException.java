package dev.meridian.store.repo;

/** A secret was to be stored sealed, and no master key is set ({@code MERIDIAN_MASTER_KEY}). */
public final class MasterKeyRequiredException extends StoreException {
    public MasterKeyRequiredException(String message) {
        super(message);
    }
}
