package dev.meridian.store.model;

import static dev.meridian.store.model.Permission.API_CALL;
import static dev.meridian.store.model.Permission.MANAGE_BILLING;
import static dev.meridian.store.model.Permission.MANAGE_KEYS;
import static dev.meridian.store.model.Permission.VIEW_LOGS;
import static dev.meridian.store.model.Permission.VIEW_USAGE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A user's role inside a tenant, with the product's permission table.
 *
 * <table>
 *   <caption>Permissions by role</caption>
 *   <tr><th>role</th><th>permissions</th></tr>
 *   <tr><td>ADMIN</td><td>every permission</td></tr>
 *   <tr><td>DEVELOPER</td><td>API_CALL, VIEW_USAGE, MANAGE_KEYS (only keys the developer owns)</td></tr>
 *   <tr><td>VIEWER</td><td>VIEW_USAGE, VIEW_LOGS</td></tr>
 *   <tr><td>BILLING</td><td>MANAGE_BILLING, VIEW_USAGE</td></tr>
 * </table>
 *
 * <p>The table follows the product's definition and adds two permissions it left implicit: admins manage every key
 * and read the audit log; developers create, rotate and revoke their own keys. The "own keys only" limit for
 * developers is not expressible as a flat permission: the admin API enforces it by comparing the key's
 * {@code userId} with the caller.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    DEVELOPER(EnumSet.of(API_CALL, VIEW_USAGE, MANAGE_KEYS)),
    VIEWER(EnumSet.of(VIEW_USAGE, VIEW_LOGS)),
    BILLING(EnumSet.of(MANAGE_BILLING, VIEW_USAGE));

    private final Set<Permission> permissions;

    Role(EnumSet<Permission> permissions) {
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    /** The permissions of this role; an unmodifiable set. */
    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }
}
