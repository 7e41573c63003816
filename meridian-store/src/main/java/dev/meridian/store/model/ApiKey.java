package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A virtual API key. The secret itself is never stored: only its SHA-256 hash.
 *
 * @param tenantId null for platform-level admin tokens
 * @param teamId owning team, or null
 * @param userId owning user, or null
 * @param prefix the first 12 characters of the secret, safe to show so people can tell keys apart
 * @param previousSecretHash hash of the secret replaced by the last rotation, or null
 * @param previousValidUntil until when {@code previousSecretHash} is still accepted, or null
 * @param expiresAt when the key stops working, or null for never
 * @param allowedModels models this key may call; empty means whatever the tenant may use
 * @param rateLimits the key's own requests and tokens per minute; null components for none
 * @param revokedAt when the key was revoked, or null
 */
public record ApiKey(
        String id,
        String tenantId,
        String teamId,
        String userId,
        String name,
        String prefix,
        String secretHash,
        String previousSecretHash,
        Instant previousValidUntil,
        Instant expiresAt,
        List<String> allowedModels,
        RateLimits rateLimits,
        Map<String, String> metadata,
        KeyKind kind,
        KeyStatus status,
        Instant createdAt,
        Instant revokedAt) {

    public ApiKey {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(prefix, "prefix");
        requireNonNull(secretHash, "secretHash");
        allowedModels = List.copyOf(requireNonNull(allowedModels, "allowedModels"));
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
        metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
        requireNonNull(kind, "kind");
        requireNonNull(status, "status");
        requireNonNull(createdAt, "createdAt");
    }

    /**
     * Whether a caller presenting a secret with hash {@code secretHash} may use this key at {@code now}: the key is
     * active and not expired, and the hash is the current one or the previous one within its grace period. Callers
     * that cache keys must ask this on every use, since expiry and grace pass while an entry sits in a cache.
     */
    public boolean acceptsAt(String secretHash, Instant now) {
        if (status != KeyStatus.ACTIVE || isExpiredAt(now)) {
            return false;
        }
        return this.secretHash.equals(secretHash)
                || (secretHash.equals(previousSecretHash)
                        && previousValidUntil != null
                        && now.isBefore(previousValidUntil));
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether this key may call {@code model}; the tenant's own model list applies on top of this. */
    public boolean allowsModel(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }
}
