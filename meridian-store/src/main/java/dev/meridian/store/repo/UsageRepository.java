package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.UsageDimension;
import dev.meridian.store.model.UsageQuery;
import dev.meridian.store.model.UsageRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Usage reports over the request log: requests, tokens, list and billed cost summed per group, in one aggregate query that
 * reads the same rows the request log answers with, so that a report and the records reconcile to the cent. A
 * tenant's report scans its time range through the (tenant_id, ts) index.
 */
public final class UsageRepository {

    private final Sql sql;

    public UsageRepository(DataSource dataSource, Dialect dialect) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
    }

    private static String expression(UsageDimension d) {
        return switch (d) {
            case MODEL -> "l.model_asked";
            case PROVIDER -> "l.provider";
            case KEY -> "l.key_id";
            case USER -> "l.user_id";
            case TEAM -> "k.team_id";
            case DAY -> "(l.ts / 86400000)"; // UTC days since the epoch: integer division on both databases
            case TENANT -> "l.tenant_id";
        };
    }

    private static String upstream(String column) {
        return "CASE WHEN l.cache_status = 'hit' THEN 0 ELSE " + column + " END";
    }

    /** The report's groups, ordered by their values; at most {@link UsageQuery#MAX_ROWS}. */
    public List<UsageRow> report(UsageQuery q) {
        List<UsageDimension> dims = q.groupBy();
        StringBuilder select = new StringBuilder("SELECT ");
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            select.append(expression(dims.get(i))).append(" AS g").append(i).append(", ");
            groupBy.add("g" + i);
        }
        // Tokens are what was consumed upstream: a cache hit's answer was not, so its tokens are left out.
        select.append("COUNT(*) AS requests, COALESCE(SUM(" + upstream("l.input_tokens") + "), 0) AS input_tokens,"
                + " COALESCE(SUM(" + upstream("l.output_tokens") + "), 0) AS output_tokens,"
                + " COALESCE(SUM(" + upstream("l.cached_tokens") + "), 0) AS cached,"
                + " COALESCE(SUM(" + upstream("l.reasoning_tokens") + "), 0) AS reasoning,"
                + " COALESCE(SUM(l.cost_usd), 0) AS cost,"
                // A row from before discounts has no billed cost: it was billed at list.
                + " COALESCE(SUM(COALESCE(l.billed_cost_usd, l.cost_usd)), 0) AS billed,"
                + " SUM(CASE WHEN l.cost_usd IS NULL AND l.input_tokens + l.output_tokens > 0 THEN 1 ELSE 0 END)"
                + " AS unpriced, COALESCE(SUM(" + upstream("l.cache_write_tokens") + "), 0) AS cache_write,"
                + " COALESCE(SUM(l.prompt_cache_saved_usd), 0) AS prompt_cache_saved,"
                + " SUM(CASE WHEN l.cache_status = 'hit' THEN 1 ELSE 0 END) AS cache_hits,"
                + " COALESCE(SUM(l.cache_saved_usd), 0) AS cache_saved FROM request_log l");
        if (dims.contains(UsageDimension.TEAM)) {
            select.append(" LEFT JOIN api_keys k ON k.id = l.key_id");
        }
        Where where = new Where()
                .andIf(q.tenantId(), "l.tenant_id = ?")
                .and("l.ts >= ?", q.from())
                .and("l.ts < ?", q.to());
        select.append(where.sql());
        if (!groupBy.isEmpty()) {
            String by = String.join(", ", groupBy);
            select.append(" GROUP BY ").append(by).append(" ORDER BY ").append(by);
        }
        select.append(" LIMIT ?");
        return sql.query(
                select.toString(),
                rs -> {
                    Map<UsageDimension, String> groups = new EnumMap<>(UsageDimension.class);
                    for (int i = 0; i < dims.size(); i++) {
                        UsageDimension d = dims.get(i);
                        if (d == UsageDimension.DAY) {
                            long day = rs.getLong("g" + i);
                            groups.put(d, LocalDate.ofEpochDay(day).toString());
                        } else {
                            groups.put(d, rs.getString("g" + i));
                        }
                    }
                    return new UsageRow(
                            groups,
                            rs.getLong("requests"),
                            rs.getLong("input_tokens"),
                            rs.getLong("output_tokens"),
                            rs.getLong("cached"),
                            rs.getLong("reasoning"),
                            rs.getDouble("cost"),
                            rs.getDouble("billed"),
                            rs.getLong("unpriced"),
                            rs.getLong("cache_write"),
                            rs.getDouble("prompt_cache_saved"),
                            rs.getLong("cache_hits"),
                            rs.getDouble("cache_saved"));
                },
                where.params(UsageQuery.MAX_ROWS));
    }

    /**
     * Each tenant's tokens (input plus output) logged in {@code [from, to)}, response-cache hits left out: what volume
     * discounts count. Tenants without a request in the range are absent. Blocking; call it off the event loop.
     */
    public Map<String, Long> tokensByTenant(Instant from, Instant to) {
        Map<String, Long> tokens = new HashMap<>();
        sql.query(
                // A response-cache hit consumed nothing upstream: its tokens do not count toward a tier.
                "SELECT tenant_id, COALESCE(SUM(input_tokens + output_tokens), 0) AS tokens FROM request_log"
                        + " WHERE tenant_id IS NOT NULL AND ts >= ? AND ts < ?"
                        + " AND (cache_status IS NULL OR cache_status <> 'hit') GROUP BY tenant_id",
                rs -> tokens.put(rs.getString("tenant_id"), rs.getLong("tokens")),
                from,
                to);
        return tokens;
    }
}
