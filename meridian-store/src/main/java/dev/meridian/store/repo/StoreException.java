package dev.meridian.store.repo;

/** A database operation failed; the cause holds the driver's exception. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
