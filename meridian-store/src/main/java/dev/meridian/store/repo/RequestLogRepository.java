package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The request log: one row per request, written in batches by the accounting journal and read by the console and
 * admin API. Writes are idempotent by request id, so replaying a journal never counts a request twice.
 *
 * <p>Bodies (prompt and completion) live in a side table, so listings stay narrow; {@link #query} returns records
 * without bodies and {@link #get} returns them with.
 */
public final class RequestLogRepository {
    private static final String COLUMNS = "request_id, ts, tenant_id, key_id, user_id, model_asked, model_served, "
            + "deployment, provider, region, status, error_code, total_ms, upstream_ms, ttft_ms, input_tokens, "
            + "output_tokens, cached_tokens, reasoning_tokens, cost_usd, cache_hit, attempts, fallbacks";
    private static final int COLUMN_COUNT = 23;
    private static final String ROW = "(" + String.join(", ", Collections.nCopies(COLUMN_COUNT, "?")) + ")";
    // Rows per INSERT statement: 23 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535 limits.
    private static final int ROWS_PER_STATEMENT = 500;

    private final Sql sql;
    private final Dialect dialect;

    public RequestLogRepository(DataSource dataSource, Dialect dialect) {
        this.dialect = dialect;
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
    }

    /**
     * Writes records in one transaction, skipping any whose request id is already stored (or repeated earlier in the
     * batch). Bodies are written only for records that are new.
     *
     * @return how many records were new
     */
    public int insertBatch(List<RequestRecord> records) {
        requireNonNull(records, "records");
        if (records.isEmpty()) {
            return 0;
        }
        return sql.inTransaction(c -> {
            int inserted = 0;
            for (int start = 0; start < records.size(); start += ROWS_PER_STATEMENT) {
                List<RequestRecord> chunk =
                        records.subList(start, Math.min(records.size(), start + ROWS_PER_STATEMENT));
                inserted += dialect == Dialect.SQLITE ? insertChunkStepwise(c, chunk) : insertChunk(c, chunk);
            }
            return inserted;
        });
    }

    /**
     * SQLite: one single-row statement stepped once per record (a JDBC batch). SQLite parses a statement afresh
     * each time it is prepared, and a 500-row VALUES list with 11,500 parameters costs more to parse than the
     * inserts themselves; the per-row update counts say which rows were new.
     */
    private static int insertChunkStepwise(Connection c, List<RequestRecord> chunk) throws SQLException {
        Set<String> fresh = new HashSet<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO request_log (" + COLUMNS + ") VALUES " + ROW + " ON CONFLICT (request_id) DO NOTHING")) {
            for (RequestRecord r : chunk) {
                Sql.bind(ps, row(r));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    fresh.add(chunk.get(i).requestId());
                }
            }
        }
        insertBodies(c, chunk, fresh);
        return fresh.size();
    }

    private static Object[] row(RequestRecord r) {
        return new Object[] {
            r.requestId(),
            Sql.millis(r.ts()),
            r.tenantId(),
            r.keyId(),
            r.userId(),
            r.modelAsked(),
            r.modelServed(),
            r.deployment(),
            r.provider(),
            r.region(),
            r.status(),
            r.errorCode(),
            r.totalMs(),
            r.upstreamMs(),
            r.ttftMs(),
            r.inputTokens(),
            r.outputTokens(),
            r.cachedTokens(),
            r.reasoningTokens(),
            r.costUsd(),
            r.cacheHit(),
            r.attempts(),
            r.fallbacks()
        };
    }

    private static void insertBodies(Connection c, List<RequestRecord> chunk, Set<String> fresh) throws SQLException {
        for (RequestRecord r : chunk) {
            if ((r.prompt() != null || r.completion() != null) && fresh.remove(r.requestId())) {
                Sql.update(
                        c,
                        "INSERT INTO request_body (request_id, prompt, completion) VALUES (?, ?, ?)",
                        r.requestId(),
                        r.prompt(),
                        r.completion());
            }
        }
    }

    private static int insertChunk(Connection c, List<RequestRecord> chunk) throws SQLException {
        List<Object> params = new ArrayList<>(chunk.size() * COLUMN_COUNT);
        for (RequestRecord r : chunk) {
            params.addAll(Arrays.asList(row(r)));
        }
        // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+) makes the write idempotent; RETURNING names the rows
        // that were really inserted, so bodies are written only for those.
        List<String> newIds = Sql.query(
                c,
                "INSERT INTO request_log (" + COLUMNS + ") VALUES "
                        + String.join(", ", Collections.nCopies(chunk.size(), ROW))
                        + " ON CONFLICT (request_id) DO NOTHING RETURNING request_id",
                rs -> rs.getString(1),
                params.toArray());
        insertBodies(c, chunk, new HashSet<>(newIds));
        return newIds.size();
    }

    /**
     * One page of records matching {@code query}, newest first (ties broken by request id, descending), without
     * bodies. Pages are keyset-paginated, so rows inserted while paging neither repeat nor shift later pages.
     *
     * @throws IllegalArgumentException when the cursor is not one this repository issued
     */
    public Page<RequestRecord> query(RequestLogQuery query) {
        requireNonNull(query, "query");
        Where where = new Where()
                .andIf(query.tenantId(), "tenant_id = ?")
                .andIf(query.from(), "ts >= ?")
                .andIf(query.to(), "ts < ?")
                .andIf(query.keyId(), "key_id = ?")
                .andIf(query.model(), "model_asked = ?")
                .andIf(query.status(), "status = ?");
        if (query.cursor() != null) {
            Cursors.Position after = Cursors.decode(query.cursor());
            // `ts <= ?` bounds the index scan; the rest only sorts out the rows sharing the cursor's timestamp.
            // (Written
            // as `ts < ? OR (ts = ? AND ...)` alone, PostgreSQL filters after scanning: 2 s for a deep page at 10M
            // rows.)
            where.and("ts <= ? AND (ts < ? OR request_id < ?)", after.time(), after.time(), after.id());
        }
        List<RequestRecord> rows = sql.query(
                "SELECT " + COLUMNS + " FROM request_log" + where.sql() + " ORDER BY ts DESC, request_id DESC LIMIT ?",
                rs -> map(rs, null, null),
                where.params(query.limit() + 1));
        return Cursors.page(rows, query.limit(), r -> Cursors.encode(r.ts().toEpochMilli(), r.requestId()));
    }

    /**
     * One record with its bodies, if it belongs to {@code tenantId}.
     *
     * @param tenantId the tenant asking; null only for a platform-wide read
     */
    public Optional<RequestRecord> get(String tenantId, String requestId) {
        String tenantClause = tenantId == null ? "" : " AND l.tenant_id = ?";
        Object[] params = tenantId == null ? new Object[] {requestId} : new Object[] {requestId, tenantId};
        return sql.queryOne(
                "SELECT l.*, b.prompt, b.completion FROM request_log l "
                        + "LEFT JOIN request_body b ON b.request_id = l.request_id WHERE l.request_id = ?"
                        + tenantClause,
                rs -> map(rs, rs.getString("prompt"), rs.getString("completion")),
                params);
    }

    /** How many records a tenant has. */
    public long count(String tenantId) {
        return sql.queryOne(
                        "SELECT COUNT(*) FROM request_log WHERE tenant_id = ?",
                        rs -> rs.getLong(1),
                        requireNonNull(tenantId, "tenantId"))
                .orElse(0L);
    }

    private static RequestRecord map(ResultSet rs, String prompt, String completion) throws SQLException {
        return new RequestRecord(
                rs.getString("request_id"),
                Sql.instant(rs, "ts"),
                rs.getString("tenant_id"),
                rs.getString("key_id"),
                rs.getString("user_id"),
                rs.getString("model_asked"),
                rs.getString("model_served"),
                rs.getString("deployment"),
                rs.getString("provider"),
                rs.getString("region"),
                rs.getInt("status"),
                rs.getString("error_code"),
                rs.getDouble("total_ms"),
                Sql.nullableDouble(rs, "upstream_ms"),
                Sql.nullableDouble(rs, "ttft_ms"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getLong("cached_tokens"),
                rs.getLong("reasoning_tokens"),
                Sql.nullableDouble(rs, "cost_usd"),
                rs.getBoolean("cache_hit"),
                rs.getInt("attempts"),
                rs.getInt("fallbacks"),
                prompt,
                completion);
    }
}
