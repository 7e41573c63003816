package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantRetention;
import dev.meridian.store.model.TenantStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
            + "available_models, rpm_limit, tpm_limit, trial_ends_at, store_bodies, residency_rule, created_at, "
            + "updated_at, volume_discounts, retention_request_log_ms, retention_bodies_ms, home_country";

    private final Sql sql;
    private final Clock clock;

    public TenantRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a tenant on {@code plan} with no overrides of its terms, bodies not stored and no residency rule.
     *
     * @param plan the name of a stored plan
     * @param trialEndsAt end of the trial, or null
     * @throws DuplicateException when the name is taken
     * @throws IllegalArgumentException when no plan has that name
     */
    public Tenant create(String name, String plan, TenantStatus status, Instant trialEndsAt) {
        return create(name, plan, status, trialEndsAt, RateLimits.NONE);
    }

    /**
     * Like {@link #create(String, String, TenantStatus, Instant)}, with the tenant's own request and token rates
     * written in the same insert.
     */
    public Tenant create(String name, String plan, TenantStatus status, Instant trialEndsAt, RateLimits rateLimits) {
        requireNonNull(name, "name");
        Instant now = now();
        Tenant tenant = new Tenant(
                Ids.next("ten_"),
                name,
                requireNonNull(status, "status"),
                requireNonNull(plan, "plan"),
                QuotaOverride.NONE,
                requireNonNull(rateLimits, "rateLimits"),
                Sql.millis(trialEndsAt),
                false,
                null,
                now,
                now,
                null);
        sql.inTransaction(c -> {
            checkPlan(c, plan);
            return Sql.update(
                    c,
                    "INSERT INTO tenants (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant.id(),
                    tenant.name(),
                    tenant.status(),
                    tenant.plan(),
                    null,
                    null,
                    null,
                    tenant.rateLimits().requestsPerMinute(),
                    tenant.rateLimits().tokensPerMinute(),
                    tenant.trialEndsAt(),
                    tenant.storeBodies(),
                    tenant.residencyRule(),
                    tenant.createdAt(),
                    tenant.updatedAt(),
                    null,
                    null,
                    null,
                    null);
        });
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
     * Writes the changeable fields of {@code tenant} (status, plan, quota and rate overrides, trial end, body storage,
     * residency rule, volume discounts) and bumps its {@code updatedAt}. Name and creation time are not changed.
     *
     * @return the stored tenant after the update
     * @throws NoSuchElementException when no tenant has that id
     * @throws IllegalArgumentException when no plan has the tenant's plan name
     */
    public Tenant update(Tenant tenant) {
        requireNonNull(tenant, "tenant");
        Instant now = now();
        QuotaOverride quota = tenant.quota();
        return sql.inTransaction(c -> {
            checkPlan(c, tenant.plan());
            int n = Sql.update(
                    c,
                    "UPDATE tenants SET status = ?, plan = ?, monthly_tokens = ?, monthly_cost_limit_usd = ?, "
                            + "available_models = ?, rpm_limit = ?, tpm_limit = ?, trial_ends_at = ?, "
                            + "store_bodies = ?, residency_rule = ?, volume_discounts = ?, retention_request_log_ms = ?, "
                            + "retention_bodies_ms = ?, home_country = ?, updated_at = ? WHERE id = ?",
                    tenant.status(),
                    tenant.plan(),
                    quota.monthlyTokens(),
                    quota.monthlyCostLimitUsd(),
                    quota.availableModels() == null ? null : Json.write(quota.availableModels()),
                    tenant.rateLimits().requestsPerMinute(),
                    tenant.rateLimits().tokensPerMinute(),
                    Sql.millis(tenant.trialEndsAt()),
                    tenant.storeBodies(),
                    tenant.residencyRule(),
                    Json.tiers(tenant.volumeDiscounts()),
                    millis(tenant.retention().requestLog()),
                    millis(tenant.retention().bodies()),
                    tenant.homeCountry(),
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

    private static void checkPlan(Connection c, String plan) throws SQLException {
        if (!PlanRepository.exists(c, plan)) {
            throw new IllegalArgumentException("no plan " + plan);
        }
    }

    private Instant now() {
        return Sql.millis(clock.instant());
    }

    private static Tenant map(ResultSet rs) throws SQLException {
        String models = rs.getString("available_models");
        QuotaOverride quota = new QuotaOverride(
                Sql.nullableLong(rs, "monthly_tokens"),
                Sql.nullableDouble(rs, "monthly_cost_limit_usd"),
                models == null ? null : Json.list(models));
        RateLimits rates = new RateLimits(Sql.nullableLong(rs, "rpm_limit"), Sql.nullableLong(rs, "tpm_limit"));
        return new Tenant(
                rs.getString("id"),
                rs.getString("name"),
                TenantStatus.valueOf(rs.getString("status")),
                rs.getString("plan"),
                quota,
                rates,
                Sql.instant(rs, "trial_ends_at"),
                rs.getBoolean("store_bodies"),
                rs.getString("residency_rule"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                Json.tiers(rs.getString("volume_discounts")),
                new TenantRetention(
                        duration(Sql.nullableLong(rs, "retention_request_log_ms")),
                        duration(Sql.nullableLong(rs, "retention_bodies_ms"))),
                rs.getString("home_country"));
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    private static Duration duration(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
