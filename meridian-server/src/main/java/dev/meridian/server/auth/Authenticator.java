package dev.meridian.server.auth;

import io.vertx.core.Future;

/**
 * Resolves a caller's presented API key to a principal. Called on the event loop for every request: an
 * implementation answers from memory with an already-completed future, and only a key it has not seen yet
 * is looked up elsewhere (off the event loop). Thread-safe.
 */
public interface Authenticator {

    /**
     * The principal for {@code presentedKey}; completes with null when the key is unknown, revoked or
     * expired.
     */
    Future<Principal> authenticate(String presentedKey);
}
