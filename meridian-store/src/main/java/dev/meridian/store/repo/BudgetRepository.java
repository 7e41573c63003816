package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.store.model.Budget;
import dev.meridian.store.model.BudgetAction;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.store.model.Page;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Budgets of tenants, teams, users and keys, and the spend the request log holds for each. One budget per
 * (tenant, scope, scope id, period).
 */
public final class BudgetRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 500;

    private static final String COLUMNS = "id, tenant_id, scope, scope_id, period, time_zone, limit_usd, on_exceed, "
            + "downgrade_to, alert_at, created_at, updated_at";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Double>> FRACTIONS = new TypeReference<>() {};

    private final Sql sql;
    private final Clock clock;

    public BudgetRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a budget; id and times are assigned here, those of {@code draft} are ignored.
     *
     * @throws DuplicateException when the scope already has a budget for that period
     * @throws IllegalArgumentException when the scope id is not a tenant, team, user or caller key of the tenant
     */
    public Budget create(Budget draft) {
        requireNonNull(draft, "draft");
        Instant now = Sql.millis(clock.instant());
        Budget budget = new Budget(
                Ids.next("bud_"),
                draft.tenantId(),
                draft.scope(),
                draft.scopeId(),
                draft.period(),
                draft.timeZone(),
                draft.limitUsd(),
                draft.onExceed(),
                draft.downgradeTo(),
                draft.alertAt(),
                now,
                now);
        sql.inTransaction(c -> {
            if (!scopeExists(c, budget.tenantId(), budget.scope(), budget.scopeId())) {
                throw new IllegalArgumentException("no " + budget.scope().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + budget.scopeId() + " in tenant " + budget.tenantId());
            }
            ChangeVersion.bump(c); // other replicas reload their budgets
            return Sql.update(
                    c,
                    "INSERT INTO budgets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    budget.id(),
                    budget.tenantId(),
                    budget.scope(),
                    budget.scopeId(),
                    budget.period(),
                    budget.timeZone(),
                    budget.limitUsd(),
                    budget.onExceed(),
                    budget.downgradeTo(),
                    Json.write(budget.alertAt()),
                    budget.createdAt(),
                    budget.updatedAt());
        });
        return budget;
    }

    public Optional<Budget> get(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM budgets WHERE id = ?", BudgetRepository::map, id);
    }

    /**
     * One page of the tenant's budgets in id order.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit  1 to {@value #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this method did not issue
     */
    public Page<Budget> list(String tenantId, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where = new Where()
                .and("tenant_id = ?", requireNonNull(tenantId, "tenantId"))
                .andIf(cursor == null ? null : Cursors.decode(cursor).id(), "id > ?");
        List<Budget> rows = sql.query(
                "SELECT " + COLUMNS + " FROM budgets" + where.sql() + " ORDER BY id LIMIT ?",
                BudgetRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, b -> Cursors.encode(b.id()));
    }

    /** Every budget of every tenant: what the gateway enforces. */
    public List<Budget> all() {
        return sql.query("SELECT " + COLUMNS + " FROM budgets ORDER BY id", BudgetRepository::map);
    }

    /**
     * Replaces a budget's changeable fields (period, time zone, limit, action, downgrade group, alerts) and stamps
     * {@code updatedAt}.
     *
     * @return the stored budget, or empty when it does not exist
     * @throws DuplicateException when the new period collides with another budget of the same scope
     */
    public Optional<Budget> update(Budget changed) {
        requireNonNull(changed, "changed");
        Budget stamped = changed.withSettings(
                changed.period(),
                changed.timeZone(),
                changed.limitUsd(),
                changed.onExceed(),
                changed.downgradeTo(),
                changed.alertAt(),
                Sql.millis(clock.instant()));
        int rows = sql.inTransaction(c -> {
            ChangeVersion.bump(c);
            return Sql.update(
                    c,
                    "UPDATE budgets SET period = ?, time_zone = ?, limit_usd = ?, on_exceed = ?, downgrade_to = ?, "
                            + "alert_at = ?, updated_at = ? WHERE id = ?",
                    stamped.period(),
                    stamped.timeZone(),
                    stamped.limitUsd(),
                    stamped.onExceed(),
                    stamped.downgradeTo(),
                    Json.write(stamped.alertAt()),
                    stamped.updatedAt(),
                    stamped.id());
        });
        return rows == 0 ? Optional.empty() : get(stamped.id());
    }

    /** @return whether a budget was deleted */
    public boolean delete(String id) {
        return sql.inTransaction(c -> {
                    ChangeVersion.bump(c);
                    return Sql.update(c, "DELETE FROM budgets WHERE id = ?", id);
                })
                > 0;
    }

    /**
     * What the request log says the scope spent in {@code [from, to)}: the sum of {@code cost_usd} (unpriced
     * requests count $0). A team's spend is that of the keys now in the team (the log records keys, not teams).
     * Served by the request log's {@code (tenant_id, ts)} and {@code (tenant_id, key_id, ts)} indexes.
     */
    public double spend(String tenantId, BudgetScope scope, String scopeId, Instant from, Instant to) {
        return sum("cost_usd", tenantId, scope, scopeId, from, to);
    }

    /**
     * What the request log says the scope used in {@code [from, to)}, in tokens: input plus output (reasoning tokens
     * are part of the output), as a plan's monthly token quota counts them.
     */
    public long tokens(String tenantId, BudgetScope scope, String scopeId, Instant from, Instant to) {
        return Math.round(sum("input_tokens + output_tokens", tenantId, scope, scopeId, from, to));
    }

    private double sum(
            String expression, String tenantId, BudgetScope scope, String scopeId, Instant from, Instant to) {
        String filter = switch (scope) {
            case TENANT -> "";
            case TEAM -> " AND key_id IN (SELECT id FROM api_keys WHERE tenant_id = ? AND team_id = ?)";
            case USER -> " AND user_id = ?";
            case KEY -> " AND key_id = ?";
        };
        Object[] params = switch (scope) {
            case TENANT -> new Object[] {tenantId, from, to};
            case TEAM -> new Object[] {tenantId, from, to, tenantId, scopeId};
            case USER, KEY -> new Object[] {tenantId, from, to, scopeId};
        };
        return sql.queryOne(
                        "SELECT COALESCE(SUM(" + expression
                                + "), 0) FROM request_log WHERE tenant_id = ? AND ts >= ? AND ts < ?" + filter,
                        rs -> rs.getDouble(1),
                        params)
                .orElse(0.0);
    }

    /** Whether {@code scopeId} names the tenant itself, or a team, user or caller key of it. */
    static boolean scopeExists(Connection c, String tenantId, BudgetScope scope, String scopeId) throws SQLException {
        String query = switch (scope) {
            case TENANT -> "SELECT 1 FROM tenants WHERE id = ? AND id = ?";
            case TEAM -> "SELECT 1 FROM teams WHERE id = ? AND tenant_id = ?";
            case USER -> "SELECT 1 FROM users WHERE id = ? AND tenant_id = ?";
            case KEY -> "SELECT 1 FROM api_keys WHERE id = ? AND tenant_id = ? AND kind = 'CALLER'";
        };
        return !Sql.query(c, query, rs -> 1, scopeId, tenantId).isEmpty();
    }

    private static Budget map(ResultSet rs) throws SQLException {
        return new Budget(
                rs.getString("id"),
                rs.getString("tenant_id"),
                BudgetScope.valueOf(rs.getString("scope")),
                rs.getString("scope_id"),
                rs.getString("period"),
                rs.getString("time_zone"),
                rs.getDouble("limit_usd"),
                BudgetAction.valueOf(rs.getString("on_exceed")),
                rs.getString("downgrade_to"),
                fractions(rs.getString("alert_at")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private static List<Double> fractions(String json) {
        try {
            return MAPPER.readValue(json, FRACTIONS);
        } catch (IOException e) {
            throw new StoreException("stored alert_at is corrupt: " + json, e);
        }
    }
}
