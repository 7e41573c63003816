package dev.meridian.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Caller keys from the configuration file. Keys are held only as SHA-256 digests and looked up by digest,
 * so neither the plain keys nor a timing difference of a string comparison leave this class.
 */
public final class StaticKeyAuthenticator implements Authenticator {

    private final Map<String, Principal> byDigest = new HashMap<>();

    /** @param keys key name → key */
    public StaticKeyAuthenticator(Map<String, String> keys) {
        keys.forEach((name, key) -> byDigest.put(digest(key), new Principal(name)));
    }

    @Override
    public Principal authenticate(String presentedKey) {
        return presentedKey == null || presentedKey.isEmpty() ? null : byDigest.get(digest(presentedKey));
    }

    private static String digest(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
