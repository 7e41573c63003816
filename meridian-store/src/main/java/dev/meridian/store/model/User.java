package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A person who manages or uses a tenant, or the platform super-admin.
 *
 * @param tenantId null only for a platform super-admin
 * @param teamId null when the user is in no team
 * @param email stored lower-case; unique across the platform
 * @param superAdmin may act on every tenant; its {@code role} is then {@link Role#ADMIN}
 */
public record User(
        String id,
        String tenantId,
        String teamId,
        String email,
        String name,
        Role role,
        boolean superAdmin,
        Instant createdAt) {

    public User {
        requireNonNull(id, "id");
        requireNonNull(email, "email");
        requireNonNull(name, "name");
        requireNonNull(role, "role");
        requireNonNull(createdAt, "createdAt");
        if (tenantId == null && !superAdmin) {
            throw new IllegalArgumentException("a user without a tenant must be a super-admin: " + email);
        }
    }

    public User withRole(Role role) {
        return new User(id, tenantId, teamId, email, name, role, superAdmin, createdAt);
    }

    public User withTeamId(String teamId) {
        return new User(id, tenantId, teamId, email, name, role, superAdmin, createdAt);
    }

    public User withName(String name) {
        return new User(id, tenantId, teamId, email, name, role, superAdmin, createdAt);
    }
}
