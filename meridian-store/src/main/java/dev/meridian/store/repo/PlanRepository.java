package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Plan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plans: the seeded basic, professional and enterprise, and custom ones. Names are unique. A change to a plan bumps
 * the store's change counter, since it changes what the keys of its tenants may do; a plan that tenants are on cannot
 * be deleted.
 */
public final class PlanRepository {
    private static final String COLUMNS = "name, monthly_tokens, monthly_cost_limit_usd, requests_per_minute, "
            + "tokens_per_minute, models, created_at, updated_at";

    private final Sql sql;
    private final Clock clock;

    public PlanRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a plan; the times of {@code draft} are ignored.
     *
     * @throws DuplicateException when the name is taken
     */
    public Plan create(Plan draft) {
        requireNonNull(draft, "draft");
        Instant now = Sql.millis(clock.instant());
        Plan plan = stamped(draft, now, now);
        sql.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO plans (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                plan.name(),
                plan.monthlyTokens(),
                plan.monthlyCostLimitUsd(),
                plan.requestsPerMinute(),
                plan.tokensPerMinute(),
                Json.write(plan.models()),
                plan.createdAt(),
                plan.updatedAt()));
        return plan;
    }

    public Optional<Plan> get(String name) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM plans WHERE name = ?", PlanRepository::map, name);
    }

    /** Every plan in name order; a platform has a handful, so there are no pages. */
    public List<Plan> list() {
        return sql.query("SELECT " + COLUMNS + " FROM plans ORDER BY name", PlanRepository::map);
    }

    /**
     * Writes the limits and models of {@code plan} over the stored plan of that name and bumps its {@code updatedAt}.
     *
     * @return the stored plan after the update
     * @throws NoSuchElementException when no plan has that name
     */
    public Plan update(Plan plan) {
        requireNonNull(plan, "plan");
        Instant now = Sql.millis(clock.instant());
        return sql.inTransaction(c -> {
            int n = Sql.update(
                    c,
                    "UPDATE plans SET monthly_tokens = ?, monthly_cost_limit_usd = ?, requests_per_minute = ?, "
                            + "tokens_per_minute = ?, models = ?, updated_at = ? WHERE name = ?",
                    plan.monthlyTokens(),
                    plan.monthlyCostLimitUsd(),
                    plan.requestsPerMinute(),
                    plan.tokensPerMinute(),
                    Json.write(plan.models()),
                    now,
                    plan.name());
            if (n == 0) {
                throw new NoSuchElementException("no plan " + plan.name());
            }
            // What the keys of its tenants may do changed: cached principals must be reloaded.
            ChangeVersion.bump(c);
            return read(c, plan.name());
        });
    }

    /**
     * Deletes a plan no tenant is on.
     *
     * @return whether the plan existed
     * @throws PlanInUseException when tenants are on it
     */
    public boolean delete(String name) {
        requireNonNull(name, "name");
        return sql.inTransaction(c -> {
            long tenants = tenantCount(c, name);
            if (tenants > 0) {
                throw new PlanInUseException(name, tenants);
            }
            return Sql.update(c, "DELETE FROM plans WHERE name = ?", name) > 0;
        });
    }

    /** How many tenants are on the plan {@code name}. */
    public long tenantCount(String name) {
        return sql.withConnection(c -> tenantCount(c, name));
    }

    /** Whether a plan of that name exists, read inside the caller's transaction. */
    static boolean exists(Connection c, String name) throws SQLException {
        return !Sql.query(c, "SELECT 1 FROM plans WHERE name = ?", rs -> 1, name)
                .isEmpty();
    }

    private static long tenantCount(Connection c, String name) throws SQLException {
        return Sql.query(c, "SELECT COUNT(*) FROM tenants WHERE plan = ?", rs -> rs.getLong(1), name)
                .get(0);
    }

    private static Plan read(Connection c, String name) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM plans WHERE name = ?", PlanRepository::map, name)
                .get(0);
    }

    private static Plan stamped(Plan p, Instant createdAt, Instant updatedAt) {
        return new Plan(
                p.name(),
                p.monthlyTokens(),
                p.monthlyCostLimitUsd(),
                p.requestsPerMinute(),
                p.tokensPerMinute(),
                p.models(),
                createdAt,
                updatedAt);
    }

    private static Plan map(ResultSet rs) throws SQLException {
        return new Plan(
                rs.getString("name"),
                rs.getLong("monthly_tokens"),
                rs.getDouble("monthly_cost_limit_usd"),
                rs.getLong("requests_per_minute"),
                Sql.nullableLong(rs, "tokens_per_minute"),
                Json.list(rs.getString("models")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
