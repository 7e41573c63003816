package dev.meridian.server.auth;

/**
 * Resolves a caller's presented API key to a principal. Called on the event loop for every request, so an
 * implementation must answer from memory (a database-backed one keeps a cache and loads off the loop).
 * Thread-safe.
 */
public interface Authenticator {

    /** The principal for {@code presentedKey}, or null when the key is unknown, revoked or expired. */
    Principal authenticate(String presentedKey);
}
