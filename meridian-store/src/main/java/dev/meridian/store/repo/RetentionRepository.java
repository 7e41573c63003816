package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Deletes request-log rows and stored bodies past their retention, in bounded batches, each batch its own
 * transaction. Rows are found through {@code request_log_tenant_ts}, bounded by {@code ts < cutoff}, so on
 * PostgreSQL only partitions older than the cutoff (and the default partition) are read; whole partitions are
 * dropped by {@link RequestLogPartitions}. Bodies are deleted before their rows, since no foreign key cascades on
 * PostgreSQL (schema version 16).
 */
public final class RetentionRepository {

    /** The largest batch a call handles. */
    public static final int MAX_BATCH = 10_000;

    private final Sql sql;

    public RetentionRepository(DataSource dataSource, Dialect dialect) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
    }

    /** Where a walk of one tenant's rows, oldest first, stopped: the (ts, request_id) of the last row it saw. */
    public record Position(long ts, String requestId) {
        /** Before every row. */
        public static final Position START = new Position(Long.MIN_VALUE, "");
    }

    /** What one batch did: rows or bodies deleted, and where the walk goes on (null when it is done). */
    public record Batch(int deleted, Position next) {
        public boolean done() {
            return next == null;
        }
    }

    /**
     * Deletes up to {@code limit} of the oldest rows of {@code tenantId} older than {@code cutoff}, with their
     * bodies.
     *
     * @param tenantId the tenant, or null for the rows without a tenant (configured keys, unauthenticated calls)
     * @return how many rows were deleted; fewer than {@code limit} means none older are left
     */
    public int purgeRows(String tenantId, Instant cutoff, int limit) {
        Cursors.checkLimit(limit, MAX_BATCH);
        requireNonNull(cutoff, "cutoff");
        return sql.inTransaction(c -> {
            List<Row> rows = Sql.query(
                    c,
                    "SELECT request_id, ts FROM request_log WHERE " + tenantClause(tenantId)
                            + " AND ts < ? ORDER BY ts LIMIT ?",
                    rs -> new Row(rs.getString(1), rs.getLong(2)),
                    params(tenantId, cutoff.toEpochMilli(), limit));
            if (rows.isEmpty()) {
                return 0;
            }
            deleteBodies(c, rows);
            return deleteRows(c, rows);
        });
    }

    /**
     * Deletes the stored bodies of up to {@code limit} rows of {@code tenantId} older than {@code cutoff}, walking
     * its rows oldest first from {@code from}; the rows stay. The caller keeps the returned position, so the next
     * run does not walk again the rows whose bodies are gone.
     */
    public Batch purgeBodies(String tenantId, Position from, Instant cutoff, int limit) {
        Cursors.checkLimit(limit, MAX_BATCH);
        requireNonNull(from, "from");
        requireNonNull(cutoff, "cutoff");
        return sql.inTransaction(c -> {
            List<Row> rows = Sql.query(
                    c,
                    "SELECT request_id, ts FROM request_log WHERE " + tenantClause(tenantId)
                            + " AND ts < ? AND ts >= ? AND (ts > ? OR request_id > ?) ORDER BY ts, request_id LIMIT ?",
                    rs -> new Row(rs.getString(1), rs.getLong(2)),
                    params(tenantId, cutoff.toEpochMilli(), from.ts(), from.ts(), from.requestId(), limit));
            int deleted = rows.isEmpty() ? 0 : deleteBodies(c, rows);
            Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            return new Batch(deleted, rows.size() < limit ? null : new Position(last.ts(), last.requestId()));
        });
    }

    /** A row's key. */
    record Row(String requestId, long ts) {}

    static String tenantClause(String tenantId) {
        return tenantId == null ? "tenant_id IS NULL" : "tenant_id = ?";
    }

    static Object[] params(String tenantId, Object... rest) {
        List<Object> all = new ArrayList<>();
        if (tenantId != null) {
            all.add(tenantId);
        }
        Collections.addAll(all, rest);
        return all.toArray();
    }

    /** Deletes the bodies of {@code rows}; returns how many there were. */
    static int deleteBodies(Connection c, List<Row> rows) throws SQLException {
        return Sql.update(
                c,
                "DELETE FROM request_body WHERE request_id IN (" + marks(rows.size()) + ")",
                rows.stream().map(Row::requestId).toArray());
    }

    /**
     * Deletes {@code rows} by primary key. The ts bounds let PostgreSQL prune the partitions the rows cannot be in.
     */
    private int deleteRows(Connection c, List<Row> rows) throws SQLException {
        long min = rows.stream().mapToLong(Row::ts).min().orElseThrow();
        long max = rows.stream().mapToLong(Row::ts).max().orElseThrow();
        List<Object> params = new ArrayList<>();
        params.add(min);
        params.add(max);
        rows.forEach(r -> params.add(r.requestId()));
        return Sql.update(
                c,
                "DELETE FROM request_log WHERE ts >= ? AND ts <= ? AND request_id IN (" + marks(rows.size()) + ")",
                params.toArray());
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
