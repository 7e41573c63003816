package dev.meridian.store.repo;

/** A write broke a uniqueness rule: a tenant name, a team name within its tenant, a user's email. */
public final class DuplicateException extends StoreException {
    public DuplicateException(String message, Throwable cause) {
        super(message, cause);
    }
}
