package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.Team;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Teams inside tenants. A team's name is unique within its tenant. */
public final class TeamRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 500;

    private final Sql sql;
    private final Clock clock;

    public TeamRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a team.
     *
     * @throws DuplicateException when the tenant already has a team of that name
     * @throws StoreException when the tenant does not exist
     */
    public Team create(String tenantId, String name) {
        Team team = new Team(
                Ids.next("team_"),
                requireNonNull(tenantId, "tenantId"),
                requireNonNull(name, "name"),
                Sql.millis(clock.instant()));
        sql.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO teams (id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)",
                team.id(),
                team.tenantId(),
                team.name(),
                team.createdAt()));
        return team;
    }

    public Optional<Team> get(String id) {
        return sql.queryOne("SELECT id, tenant_id, name, created_at FROM teams WHERE id = ?", TeamRepository::map, id);
    }

    /**
     * One page of the tenant's teams in name order.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit  1 to {@value #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this method did not issue
     */
    public Page<Team> list(String tenantId, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where = new Where()
                .and("tenant_id = ?", requireNonNull(tenantId, "tenantId"))
                .andIf(cursor == null ? null : Cursors.decode(cursor).id(), "name > ?");
        List<Team> rows = sql.query(
                "SELECT id, tenant_id, name, created_at FROM teams" + where.sql() + " ORDER BY name LIMIT ?",
                TeamRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, t -> Cursors.encode(t.name()));
    }

    /**
     * Deletes a team. Its users stay, without a team; its active keys are revoked in the same transaction.
     *
     * @return whether a team was deleted
     */
    public boolean delete(String id) {
        Instant now = Sql.millis(clock.instant());
        return sql.inTransaction(c -> ApiKeyRepository.deleteOwner(c, "teams", "team_id", id, now));
    }

    /** Fails unless {@code teamId} is null or a team of {@code tenantId}. */
    static void checkBelongs(Connection c, String teamId, String tenantId) throws SQLException {
        if (teamId != null
                && Sql.query(c, "SELECT 1 FROM teams WHERE id = ? AND tenant_id = ?", rs -> 1, teamId, tenantId)
                        .isEmpty()) {
            throw new IllegalArgumentException("team " + teamId + " is not a team of tenant " + tenantId);
        }
    }

    private static Team map(ResultSet rs) throws SQLException {
        return new Team(
                rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"), Sql.instant(rs, "created_at"));
    }
}
