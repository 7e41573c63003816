package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.PlanQuota;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/** Tenants: create, read, list and update. Tenant names are unique across the platform. */
public final class TenantRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 500;

    private static final String COLUMNS = "id, name, status, plan, monthly_tokens, monthly_cost_limit_usd, "
            + "max_requests_per_minute, available_models, trial_ends_at, store_bodies, residency_rule, created_at, "
            + "updated_at, volume_discounts";

    private final Sql sql;
    private final Clock clock;

    public TenantRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a tenant with its plan's default quota, bodies not stored and no residency rule.
     *
     * @param trialEndsAt end of the trial, or null
     * @throws DuplicateException when the name is taken
     */
    public Tenant create(String name, Plan plan, TenantStatus status, Instant trialEndsAt) {
        requireNonNull(name, "name");
        Instant now = now();
        Tenant tenant = new Tenant(
                Ids.next("ten_"),
                name,
                requireNonNull(status, "status"),
                requireNonNull(plan, "plan"),
                plan.defaultQuota(),
                Sql.millis(trialEndsAt),
                false,
                null,
                now,
                now);
        sql.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO tenants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.id(),
                tenant.name(),
                tenant.status(),
                tenant.plan(),
                tenant.quota().monthlyTokens(),
                tenant.quota().monthlyCostLimitUsd(),
                tenant.quota().maxRequestsPerMinute(),
                Json.write(tenant.quota().availableModels()),
                tenant.trialEndsAt(),
                tenant.storeBodies(),
                tenant.residencyRule(),
                tenant.createdAt(),
                tenant.updatedAt(),
                null));
        return tenant;
    }

    public Optional<Tenant> get(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM tenants WHERE id = ?", TenantRepository::map, id);
    }

    public Optional<Tenant> findByName(String name) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM tenants WHERE name = ?", TenantRepository::map, name);
    }

    /**
     * One page of tenants in id order.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit 1 to {@value #MAX_PAGE}
     */
    public Page<Tenant> list(String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where =
                new Where().andIf(cursor == null ? null : Cursors.decode(cursor).id(), "id > ?");
        List<Tenant> rows = sql.query(
                "SELECT " + COLUMNS + " FROM tenants" + where.sql() + " ORDER BY id LIMIT ?",
                TenantRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, t -> Cursors.encode(t.id()));
    }

    /**
     * Writes the changeable fields of {@code tenant} (status, plan, quota, trial end, body storage, residency rule,
     * volume discounts) and
     * bumps its {@code updatedAt}. Name and creation time are not changed.
     *
     * @return the stored tenant after the update
     * @throws NoSuchElementException when no tenant has that id
     */
    public Tenant update(Tenant tenant) {
        requireNonNull(tenant, "tenant");
        Instant now = now();
        return sql.inTransaction(c -> {
            int n = Sql.update(
                    c,
                    "UPDATE tenants SET status = ?, plan = ?, monthly_tokens = ?, monthly_cost_limit_usd = ?, "
                            + "max_requests_per_minute = ?, available_models = ?, trial_ends_at = ?, store_bodies = ?, "
                            + "residency_rule = ?, volume_discounts = ?, updated_at = ? WHERE id = ?",
                    tenant.status(),
                    tenant.plan(),
                    tenant.quota().monthlyTokens(),
                    tenant.quota().monthlyCostLimitUsd(),
                    tenant.quota().maxRequestsPerMinute(),
                    Json.write(tenant.quota().availableModels()),
                    Sql.millis(tenant.trialEndsAt()),
                    tenant.storeBodies(),
                    tenant.residencyRule(),
                    Json.tiers(tenant.volumeDiscounts()),
                    now,
                    tenant.id());
            if (n == 0) {
                throw new NoSuchElementException("no tenant " + tenant.id());
            }
            // Status, plan and quota decide what a tenant's keys may do, so cached principals must be reloaded.
            ChangeVersion.bump(c);
            return Sql.query(c, "SELECT " + COLUMNS + " FROM tenants WHERE id = ?", TenantRepository::map, tenant.id())
                    .get(0);
        });
    }

    private Instant now() {
        return Sql.millis(clock.instant());
    }

    private static Tenant map(ResultSet rs) throws SQLException {
        PlanQuota quota = new PlanQuota(
                rs.getLong("monthly_tokens"),
                rs.getDouble("monthly_cost_limit_usd"),
                rs.getInt("max_requests_per_minute"),
                Json.list(rs.getString("available_models")));
        return new Tenant(
                rs.getString("id"),
                rs.getString("name"),
                TenantStatus.valueOf(rs.getString("status")),
                Plan.valueOf(rs.getString("plan")),
                quota,
                Sql.instant(rs, "trial_ends_at"),
                rs.getBoolean("store_bodies"),
                rs.getString("residency_rule"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                Json.tiers(rs.getString("volume_discounts")));
    }
}
