package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkTenant;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateToken;
import dev.meridian.server.admin.AdminRequests.CreateUser;
import dev.meridian.server.admin.AdminRequests.UpdateUser;
import dev.meridian.server.admin.AdminViews.IssuedKey;
import dev.meridian.server.admin.AdminViews.KeyView;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.User;
import dev.meridian.store.repo.ApiKeyRepository;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.UserRepository;
import java.time.Clock;

/** A tenant's users and their admin-API tokens; users may read themselves and make their own tokens. */
public final class UserAdmin {

    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final Runnable keysChanged;
    private final Clock clock;

    UserAdmin(
            UserRepository users,
            ApiKeyRepository keys,
            Lookups lookups,
            AuditTrail audit,
            Runnable keysChanged,
            Clock clock) {
        this.users = users;
        this.keys = keys;
        this.lookups = lookups;
        this.audit = audit;
        this.keysChanged = keysChanged;
        this.clock = clock;
    }

    public User create(Actor actor, String tenantId, CreateUser req) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        lookups.tenant(tenantId);
        String email = Validation.email("email", req.email());
        String name = Validation.name("name", req.name());
        String teamId = lookups.team(tenantId, req.teamId());
        User user;
        try {
            user = users.create(tenantId, teamId, email, name, req.role() == null ? Role.DEVELOPER : req.role());
        } catch (DuplicateException e) {
            // Emails are unique per tenant, so this says nothing about other tenants.
            throw GatewayException.invalid("email", "This tenant already has a user with email `" + email + "`.");
        }
        audit.record(actor, tenantId, "user.create", "user", user.id(), null, user);
        return user;
    }

    /** One page of the tenant's users in email order. */
    public ListView<User> list(Actor actor, String tenantId, String cursor, Integer limit) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        lookups.tenant(tenantId);
        return ListView.of(Paging.page(
                "cursor", () -> users.list(tenantId, cursor, Paging.limit(limit, UserRepository.MAX_PAGE))));
    }

    /** A user of the tenant; users may read themselves without {@code manage_users}. */
    public User get(Actor actor, String tenantId, String userId) {
        checkTenant(actor, tenantId);
        User user = lookups.user(tenantId, userId);
        if (!userId.equals(actor.userId())) {
            check(actor, tenantId, Permission.MANAGE_USERS);
        }
        return user;
    }

    public User update(Actor actor, String tenantId, String userId, UpdateUser req) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        User before = lookups.user(tenantId, userId);
        User after = before;
        if (req.name() != null) {
            after = after.withName(Validation.name("name", req.name()));
        }
        if (req.role() != null) {
            after = after.withRole(req.role());
        }
        if (req.teamId() != null) {
            after = after.withTeamId(req.teamId().isEmpty() ? null : lookups.team(tenantId, req.teamId()));
        }
        User stored = users.update(after);
        audit.record(actor, tenantId, "user.update", "user", userId, before, stored);
        return stored;
    }

    /** Deletes a user and revokes every key and token they own. */
    public User delete(Actor actor, String tenantId, String userId) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        User user = lookups.user(tenantId, userId);
        users.delete(userId);
        keysChanged.run();
        audit.record(actor, tenantId, "user.delete", "user", userId, user, null);
        return user;
    }

    /** An admin-API token for a user, acting with the user's role; users may make their own. */
    public IssuedKey createToken(Actor actor, String tenantId, String userId, CreateToken req) {
        checkTenant(actor, tenantId);
        lookups.user(tenantId, userId);
        if (!userId.equals(actor.userId())) {
            check(actor, tenantId, Permission.MANAGE_USERS);
        }
        String name = req.name() == null ? "admin token" : Validation.name("name", req.name());
        Validation.future("expires_at", req.expiresAt(), clock.instant());
        ApiKeyRepository.Created created = keys.create(
                NewApiKey.adminToken(tenantId, name).withUser(userId).withExpiresAt(req.expiresAt()));
        KeyView view = KeyView.of(created.key());
        audit.record(actor, tenantId, "admin_token.create", "api_key", view.id(), null, view);
        return new IssuedKey(view, created.secret());
    }
}
