package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.RepeatRow;
import dev.meridian.store.model.TrafficRow;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the cost suggestions are computed from: one tenant's answered requests (status 2xx) over a time range,
 * summed per model, deployment and task size, and its repeated prompts. Both queries scan the tenant's range
 * through the (tenant_id, ts) index, as usage reports do.
 */
public final class SuggestionRepository {

    /** The most rows a query returns: models × deployments × 2 stays far below it. */
    public static final int MAX_ROWS = 10_000;

    private static final String ANSWERED =
            " WHERE l.tenant_id = ? AND l.ts >= ? AND l.ts < ? AND l.status >= 200 AND l.status < 300";

    private final Sql sql;

    public SuggestionRepository(DataSource dataSource, Dialect dialect) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
    }

    /**
     * The tenant's answered requests in {@code [from, to)} per model, deployment and size, ordered by those. A
     * request is small when its input tokens are at most {@code smallInput} and its output tokens at most {@code
     * smallOutput}. Requests without a model or a deployment (answered by no provider) are left out.
     */
    public List<TrafficRow> traffic(String tenantId, Instant from, Instant to, long smallInput, long smallOutput) {
        return sql.query(
                "SELECT l.model_asked AS model, l.deployment AS deployment,"
                        + " CASE WHEN l.input_tokens <= ? AND l.output_tokens <= ? THEN 1 ELSE 0 END AS small,"
                        + " COUNT(*) AS requests, SUM(l.input_tokens) AS input_tokens,"
                        + " SUM(l.output_tokens) AS output_tokens, SUM(l.cached_tokens) AS cached,"
                        + " SUM(l.reasoning_tokens) AS reasoning, COALESCE(SUM(l.cost_usd), 0) AS cost"
                        + " FROM request_log l" + ANSWERED
                        + " AND l.model_asked IS NOT NULL AND l.deployment IS NOT NULL"
                        + " GROUP BY l.model_asked, l.deployment, small ORDER BY model, deployment, small LIMIT ?",
                rs -> new TrafficRow(
                        rs.getString("model"),
                        rs.getString("deployment"),
                        rs.getInt("small") == 1,
                        rs.getLong("requests"),
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getLong("cached"),
                        rs.getLong("reasoning"),
                        rs.getDouble("cost")),
                smallInput,
                smallOutput,
                requireNonNull(tenantId, "tenantId"),
                from,
                to,
                MAX_ROWS);
    }

    /**
     * Per model, the tenant's answered requests in {@code [from, to)} whose prompt fingerprint an earlier answered
     * request of the same model in the range had (earlier by time, then request id); ordered by model. Records
     * without a fingerprint are never repeats, and response-cache hits are left out (they saved already).
     */
    public List<RepeatRow> repeats(String tenantId, Instant from, Instant to) {
        return sql.query(
                "SELECT r.model, COUNT(*) AS repeated, COUNT(DISTINCT r.fp) AS prompts,"
                        + " COALESCE(SUM(r.cost), 0) AS cost FROM ("
                        + "SELECT l.model_asked AS model, l.prompt_fingerprint AS fp, l.cost_usd AS cost,"
                        + " ROW_NUMBER() OVER (PARTITION BY l.model_asked, l.prompt_fingerprint"
                        + " ORDER BY l.ts, l.request_id) AS n"
                        + " FROM request_log l" + ANSWERED
                        // A response-cache hit is a repeat already saved: what is left to save is the others.
                        + " AND (l.cache_status IS NULL OR l.cache_status <> 'hit')"
                        + " AND l.model_asked IS NOT NULL AND l.prompt_fingerprint IS NOT NULL) r"
                        + " WHERE r.n > 1 GROUP BY r.model ORDER BY r.model LIMIT ?",
                rs -> new RepeatRow(
                        rs.getString("model"), rs.getLong("repeated"), rs.getLong("prompts"), rs.getDouble("cost")),
                requireNonNull(tenantId, "tenantId"),
                from,
                to,
                MAX_ROWS);
    }
}
