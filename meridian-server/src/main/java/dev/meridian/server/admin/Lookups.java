package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.notFound;

import dev.meridian.core.error.GatewayException;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.User;
import dev.meridian.store.repo.TeamRepository;
import dev.meridian.store.repo.TenantRepository;
import dev.meridian.store.repo.UserRepository;

/**
 * Finds what a request names within one tenant. An id in the URL that is not there is a 404, like an id of another
 * tenant ({@link Access}); an id in a body is a 400 on its field.
 */
final class Lookups {

    private final TenantRepository tenants;
    private final TeamRepository teams;
    private final UserRepository users;

    Lookups(TenantRepository tenants, TeamRepository teams, UserRepository users) {
        this.tenants = tenants;
        this.teams = teams;
        this.users = users;
    }

    Tenant tenant(String tenantId) {
        return tenants.get(tenantId).orElseThrow(() -> notFound("tenant", tenantId));
    }

    User user(String tenantId, String userId) {
        return users.get(userId).filter(u -> tenantId.equals(u.tenantId())).orElseThrow(() -> notFound("user", userId));
    }

    /** A user named in a request body: unknown is a 400 on that field, not a 404 of the URL. */
    void checkUser(String tenantId, String userId, String param) {
        if (users.get(userId).filter(u -> tenantId.equals(u.tenantId())).isEmpty()) {
            throw GatewayException.invalid(param, "No user `" + userId + "` in this tenant.");
        }
    }

    /** A team named in a request body ({@code team_id}), returned as given; null passes. */
    String team(String tenantId, String teamId) {
        if (teamId != null
                && teams.get(teamId).filter(t -> t.tenantId().equals(tenantId)).isEmpty()) {
            throw GatewayException.invalid("team_id", "No team `" + teamId + "` in this tenant.");
        }
        return teamId;
    }
}
