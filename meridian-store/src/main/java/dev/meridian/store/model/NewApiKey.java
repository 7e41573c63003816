package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to create a key with. Start from {@link #caller} or {@link #adminToken} and add the optional parts.
 *
 * <pre>{@code
 * NewApiKey spec = NewApiKey.caller(tenantId, "ci").withTeam(teamId).withAllowedModels(List.of("gpt-4o"));
 * }</pre>
 */
public record NewApiKey(
        String tenantId,
        String teamId,
        String userId,
        String name,
        KeyKind kind,
        Instant expiresAt,
        List<String> allowedModels,
        RateLimits rateLimits,
        Map<String, String> metadata) {

    public NewApiKey {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        allowedModels = List.copyOf(requireNonNull(allowedModels, "allowedModels"));
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
        metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
        if (tenantId == null && (teamId != null || userId != null)) {
            throw new IllegalArgumentException("a key with a team or user must belong to a tenant");
        }
        if (tenantId == null && kind == KeyKind.CALLER) {
            throw new IllegalArgumentException("a caller key must belong to a tenant");
        }
    }

    /** A key for model calls, owned by a tenant. */
    public static NewApiKey caller(String tenantId, String name) {
        return new NewApiKey(
                requireNonNull(tenantId, "tenantId"),
                null,
                null,
                name,
                KeyKind.CALLER,
                null,
                List.of(),
                RateLimits.NONE,
                Map.of());
    }

    /** A token for the admin API; {@code tenantId} null makes it a platform token. */
    public static NewApiKey adminToken(String tenantId, String name) {
        return new NewApiKey(
                tenantId, null, null, name, KeyKind.ADMIN_TOKEN, null, List.of(), RateLimits.NONE, Map.of());
    }

    public NewApiKey withTeam(String teamId) {
        return new NewApiKey(tenantId, teamId, userId, name, kind, expiresAt, allowedModels, rateLimits, metadata);
    }

    public NewApiKey withUser(String userId) {
        return new NewApiKey(tenantId, teamId, userId, name, kind, expiresAt, allowedModels, rateLimits, metadata);
    }

    public NewApiKey withExpiresAt(Instant expiresAt) {
        return new NewApiKey(tenantId, teamId, userId, name, kind, expiresAt, allowedModels, rateLimits, metadata);
    }

    public NewApiKey withAllowedModels(List<String> allowedModels) {
        return new NewApiKey(tenantId, teamId, userId, name, kind, expiresAt, allowedModels, rateLimits, metadata);
    }

    public NewApiKey withRateLimits(RateLimits rateLimits) {
        return new NewApiKey(tenantId, teamId, userId, name, kind, expiresAt, allowedModels, rateLimits, metadata);
    }

    public NewApiKey withMetadata(Map<String, String> metadata) {
        return new NewApiKey(tenantId, teamId, userId, name, kind, expiresAt, allowedModels, rateLimits, metadata);
    }
}
