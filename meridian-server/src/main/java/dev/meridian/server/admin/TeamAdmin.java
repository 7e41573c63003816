package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkTenant;
import static dev.meridian.server.admin.Access.notFound;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateTeam;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Team;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.TeamRepository;

/** A tenant's teams: created and deleted by those who manage its users, listed by any member. */
public final class TeamAdmin {

    private final TeamRepository teams;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final Runnable keysChanged;

    TeamAdmin(TeamRepository teams, Lookups lookups, AuditTrail audit, Runnable keysChanged) {
        this.teams = teams;
        this.lookups = lookups;
        this.audit = audit;
        this.keysChanged = keysChanged;
    }

    public Team create(Actor actor, String tenantId, CreateTeam req) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        lookups.tenant(tenantId);
        String name = Validation.name("name", req.name());
        Team team;
        try {
            team = teams.create(tenantId, name);
        } catch (DuplicateException e) {
            throw GatewayException.invalid("name", "This tenant already has a team named `" + name + "`.");
        }
        audit.record(actor, tenantId, "team.create", "team", team.id(), null, team);
        return team;
    }

    /** One page of the tenant's teams in name order. */
    public ListView<Team> list(Actor actor, String tenantId, String cursor, Integer limit) {
        checkTenant(actor, tenantId);
        lookups.tenant(tenantId);
        return ListView.of(Paging.page(
                "cursor", () -> teams.list(tenantId, cursor, Paging.limit(limit, TeamRepository.MAX_PAGE))));
    }

    /** Deletes a team; its users stay without a team and its keys are revoked. */
    public Team delete(Actor actor, String tenantId, String teamId) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        Team team = teams.get(teamId)
                .filter(t -> t.tenantId().equals(tenantId))
                .orElseThrow(() -> notFound("team", teamId));
        teams.delete(teamId);
        keysChanged.run();
        audit.record(actor, tenantId, "team.delete", "team", teamId, team, null);
        return team;
    }
}
