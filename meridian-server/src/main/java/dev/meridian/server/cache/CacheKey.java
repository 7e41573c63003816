package dev.meridian.server.cache;

import static java.util.Objects.requireNonNull;

/**
 * Where an answer is stored: the caller's namespace, the model group and the request's fingerprint. The namespace
 * is the tenant ({@code t/<id>}), or the key within it ({@code t/<id>/k/<key id>}) when the group's scope is
 * {@code key}; keys from the configuration file, which have no tenant, share {@code config} (or have
 * {@code config/<name>} each). A namespace is always part of the key, so no lookup can reach another tenant's answer.
 * Immutable.
 *
 * @param fingerprint the SHA-256 of the request's canonical form, hex
 */
public record CacheKey(String namespace, String tenantId, String group, String fingerprint) {

    public CacheKey {
        requireNonNull(namespace, "namespace");
        requireNonNull(group, "group");
        requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * @param tenantId  the caller's tenant, null for a configuration key
     * @param keyId     the caller key's id (database id, or the configured key's name)
     * @param perKey    whether the group's answers are kept per key
     */
    public static CacheKey of(String tenantId, String keyId, boolean perKey, String group, String fingerprint) {
        String namespace = tenantId == null ? "config" : "t/" + tenantId;
        if (perKey) {
            namespace += (tenantId == null ? "/" : "/k/") + keyId;
        }
        return new CacheKey(namespace, tenantId, group, fingerprint);
    }

    /** The key as one string: namespace, group and fingerprint, each part escaped so none can run into another. */
    public String text() {
        return escape(namespace) + ':' + escape(group) + ':' + fingerprint;
    }

    /** Makes a part safe inside a key and inside a Redis SCAN pattern: no separator, no glob character. */
    static String escape(String part) {
        StringBuilder sb = null;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean special = c == ':' || c == '%' || c == '*' || c == '?' || c == '[' || c == ']' || c == '\\';
            if (special && sb == null) {
                sb = new StringBuilder(part.length() + 8).append(part, 0, i);
            }
            if (sb != null) {
                if (special) {
                    sb.append('%').append(String.format("%02X", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? part : sb.toString();
    }
}
