package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The request log: one row per request, written in batches by the accounting journal and read by the console and
 * admin API. Writes are idempotent by request id, so replaying a journal never counts a request twice.
 *
 * <p>Bodies (prompt and completion) live in a side table, so listings stay narrow; {@link #query} returns records
 * without bodies and {@link #get} returns them with.
 */
public final class RequestLogRepository {
    private static final String COLUMNS = RequestLogWriter.COLUMNS;

    private final DataSource dataSource;
    private final Sql sql;
    private final Dialect dialect;
    private final KeyRing keys;
    private final Clock clock;

    public RequestLogRepository(DataSource dataSource, Dialect dialect) {
        this(dataSource, dialect, KeyRing.none(), Clock.systemUTC());
    }

    /** Bodies are sealed under {@code keys}' current master key when it has one, and opened with its keys. */
    public RequestLogRepository(DataSource dataSource, Dialect dialect, KeyRing keys, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.keys = requireNonNull(keys, "keys");
        this.clock = requireNonNull(clock, "clock");
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
    }

    /**
     * Writes records in one transaction on a connection of its own, as {@link RequestLogWriter#insertBatch} does.
     * For one-off writes; a steady writer keeps a {@link #openWriter() writer} instead.
     *
     * @return how many records were new
     */
    public int insertBatch(List<RequestRecord> records) {
        requireNonNull(records, "records");
        try (RequestLogWriter writer = openWriter()) {
            return writer.insertBatch(records);
        }
    }

    /** A writer that keeps one connection of the pool until it is closed. One thread at a time. */
    public RequestLogWriter openWriter() {
        return new RequestLogWriter(dataSource, dialect, keys, clock);
    }

    /**
     * One page of records matching {@code query}, newest first (ties broken by request id, descending), without
     * bodies. Pages are keyset-paginated, so rows inserted while paging neither repeat nor shift later pages.
     *
     * @throws IllegalArgumentException when the cursor is not one this repository issued
     */
    public Page<RequestRecord> query(RequestLogQuery query) {
        requireNonNull(query, "query");
        Select select = select(query);
        List<RequestRecord> rows = sql.query(select.sql(), rs -> map(rs, null, null), select.params());
        return Cursors.page(rows, query.limit(), r -> Cursors.encode(r.ts().toEpochMilli(), r.requestId()));
    }

    /** A statement and its parameters in order. */
    record Select(String sql, Object[] params) {}

    /**
     * The statement {@link #query} runs: LIMIT is one more than the page, to tell whether another page follows. On
     * SQLite every tenant's read is a walk of {@code request_log_tenant_ts} newest first, the key, model and status
     * filters tested on its entries (V3 of the schema); tests check the plans.
     */
    static Select select(RequestLogQuery query) {
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
            // (Written as `ts < ? OR (ts = ? AND ...)` alone, PostgreSQL filters after scanning: 2 s for a deep page
            // at 10M rows.)
            where.and("ts <= ? AND (ts < ? OR request_id < ?)", after.time(), after.time(), after.id());
        }
        return new Select(
                "SELECT " + COLUMNS + " FROM request_log" + where.sql() + " ORDER BY ts DESC, request_id DESC LIMIT ?",
                where.params(query.limit() + 1));
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
                rs -> map(
                        rs,
                        keys.open(rs.getString("prompt"), SealedColumn.PROMPT.where(requestId)),
                        keys.open(rs.getString("completion"), SealedColumn.COMPLETION.where(requestId))),
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
                completion,
                rs.getBoolean("usage_estimated"),
                billed(Sql.nullableDouble(rs, "billed_cost_usd"), Sql.nullableDouble(rs, "cost_usd")),
                Sql.nullableLong(rs, "prompt_fingerprint"),
                rs.getLong("cache_write_tokens"),
                Sql.nullableDouble(rs, "prompt_cache_saved_usd"),
                rs.getString("cache_status"),
                Sql.nullableDouble(rs, "cache_saved_usd"),
                rs.getString("pii"));
    }

    /** A row written before discounts existed has no billed cost: it was billed at its list cost. */
    private static Double billed(Double billed, Double list) {
        return billed != null ? billed : list;
    }
}
