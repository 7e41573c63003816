package dev.meridian.server.auth;

import dev.meridian.store.repo.ApiKeySecrets;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caller keys from the configuration file, looked up by SHA-256 digest. A key once recognised is
 * remembered, so valid callers pay a map lookup; unknown keys are never remembered (the cache cannot be
 * grown by an attacker) and always pay the digest.
 */
public final class StaticKeyAuthenticator implements Authenticator {

    private static final Future<Principal> UNKNOWN = Future.succeededFuture();

    private final Map<String, Future<Principal>> byDigest = new HashMap<>();
    /** Keys already seen to be valid, so the digest is computed once per key rather than per request. */
    private final Map<String, Future<Principal>> recognised = new ConcurrentHashMap<>();

    /** @param keys key name → key */
    public StaticKeyAuthenticator(Map<String, String> keys) {
        keys.forEach((name, key) -> byDigest.put(ApiKeySecrets.hash(key), Future.succeededFuture(new Principal(name))));
    }

    @Override
    public Future<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return UNKNOWN;
        }
        Future<Principal> known = recognised.get(presentedKey);
        if (known != null) {
            return known;
        }
        Future<Principal> principal = byDigest.get(ApiKeySecrets.hash(presentedKey));
        if (principal == null) {
            return UNKNOWN;
        }
        recognised.put(presentedKey, principal);
        return principal;
    }
}
