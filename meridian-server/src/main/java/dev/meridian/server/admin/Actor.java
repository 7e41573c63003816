package dev.meridian.server.admin;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Role;

/**
 * Who performs an admin action: the platform super-admin, or a user of one tenant acting with their role.
 *
 * @param id       what the audit log records as the actor: a user id, a key id, or {@code admin-key} for the
 *                 configured super-admin key
 * @param tenantId the tenant a user belongs to; null for the super-admin
 * @param userId   the acting user, or null (super-admin keys)
 * @param role     the user's role; {@link Role#ADMIN} for the super-admin
 * @param sourceIp the client address the action comes from, for the audit log; null when unknown (command line)
 */
public record Actor(String id, String tenantId, String userId, Role role, boolean superAdmin, String sourceIp) {

    public Actor {
        requireNonNull(id, "id");
        requireNonNull(role, "role");
        if (!superAdmin && tenantId == null) {
            throw new IllegalArgumentException("an actor that is not the super-admin needs a tenant: " + id);
        }
    }

    /** The platform super-admin, identified in the audit log by {@code id}. */
    public static Actor superAdmin(String id) {
        return new Actor(id, null, null, Role.ADMIN, true, null);
    }

    /** A user of {@code tenantId} with {@code role}. */
    public static Actor user(String userId, String tenantId, Role role) {
        return new Actor(userId, tenantId, userId, role, false, null);
    }

    /** This actor acting from {@code sourceIp}. */
    public Actor from(String sourceIp) {
        return new Actor(id, tenantId, userId, role, superAdmin, sourceIp);
    }

    /** Whether this actor manages every key of its tenant, not only its own (developers manage their own). */
    public boolean managesAllKeys() {
        return superAdmin || role == Role.ADMIN;
    }

    /** Whether this actor may act on {@code tenantId} at all (whatever the permission). */
    public boolean sees(String tenantId) {
        return superAdmin || this.tenantId.equals(tenantId);
    }

    public boolean has(Permission permission) {
        return superAdmin || role.allows(permission);
    }
}
