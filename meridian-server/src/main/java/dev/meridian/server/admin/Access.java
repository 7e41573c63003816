package dev.meridian.server.admin;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.store.model.Permission;

/**
 * The admin API's one access rule, applied in this order: an id in a tenant the actor does not belong to is
 * answered as if it did not exist (404 {@code not_found}), so nobody learns which ids exist elsewhere; an action
 * the actor's role does not allow inside its own tenant is refused (403 {@code permission_denied}); platform
 * actions are refused (403) to everyone but the super-admin.
 */
final class Access {

    private Access() {}

    static GatewayException notFound(String what, String id) {
        return GatewayException.of(ErrorCode.NOT_FOUND, "No " + what + " `" + id + "`.");
    }

    static GatewayException denied(String message) {
        return GatewayException.of(ErrorCode.PERMISSION_DENIED, message);
    }

    /** Fails with 404 unless {@code actor} belongs to {@code tenantId} (or is the super-admin). */
    static void checkTenant(Actor actor, String tenantId) {
        if (!actor.sees(tenantId)) {
            throw notFound("tenant", tenantId);
        }
    }

    /** Fails with 404 for another tenant, else with 403 unless the actor's role has {@code permission}. */
    static void check(Actor actor, String tenantId, Permission permission) {
        checkTenant(actor, tenantId);
        if (!actor.has(permission)) {
            throw denied("Your role (" + actor.role().name().toLowerCase(java.util.Locale.ROOT)
                    + ") does not have the " + permission.name().toLowerCase(java.util.Locale.ROOT)
                    + " permission.");
        }
    }

    static void checkSuperAdmin(Actor actor, String action) {
        if (!actor.superAdmin()) {
            throw denied("Only the platform super-admin may " + action + ".");
        }
    }
}
