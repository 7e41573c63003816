package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes request records in batches on one connection it keeps open, so SQLite's insert is prepared once,
 * PostgreSQL's temporary table for COPY is created once, and the connection's page cache stays warm. On SQLite the
 * connection writes in WAL mode with {@code synchronous=NORMAL} (a commit is not synced: it survives a crash of
 * the process, not necessarily of the machine) and a larger page cache than the pool's connections.
 *
 * <p>One thread at a time. When a batch fails its transaction is rolled back and the writer stays usable (a batch
 * refused for its content can be retried record by record); when even the rollback fails the connection is closed.
 * After {@link #close()}, or such a failure, the next batch opens a new connection.
 */
public final class RequestLogWriter implements AutoCloseable {
    static final String COLUMNS = "request_id, ts, tenant_id, key_id, user_id, model_asked, model_served, "
            + "deployment, provider, region, status, error_code, total_ms, upstream_ms, ttft_ms, input_tokens, "
            + "output_tokens, cached_tokens, reasoning_tokens, cost_usd, cache_hit, attempts, fallbacks, "
            + "usage_estimated, billed_cost_usd, prompt_fingerprint, cache_write_tokens, "
            + "prompt_cache_saved_usd, cache_status, cache_saved_usd, pii";
    private static final int COLUMN_COUNT = 31;
    private static final String SQLITE_INSERT = "INSERT INTO request_log (" + COLUMNS + ") VALUES ("
            + String.join(", ", Collections.nCopies(COLUMN_COUNT, "?")) + ") ON CONFLICT (request_id) DO NOTHING";
    // Rows per JDBC batch of the SQLite insert.
    private static final int SQLITE_ROWS_PER_BATCH = 500;
    // The writer's own page cache (the pool's connections have 4 MiB): the growing ends of the five indexes of a
    // table written by many tenants and keys stay in memory, where reading them back costs a system call each.
    private static final int SQLITE_WRITER_CACHE_KIB = 16_384;

    // PostgreSQL: COPY cannot skip rows already stored, so the batch goes into a temporary table first and moves
    // from there with the same ON CONFLICT as an INSERT. IF NOT EXISTS: a pooled connection may have it already.
    // The conflict target is the partitioned table's primary key (request_id, ts) (schema version 16): a replayed
    // record carries its own ts, so a replay still finds its row.
    private static final String PG_LOAD_TABLE =
            "CREATE TEMP TABLE IF NOT EXISTS request_log_load (LIKE request_log) ON COMMIT DELETE ROWS";
    private static final String PG_COPY_SQL = "COPY request_log_load (" + COLUMNS + ") FROM STDIN";
    private static final String PG_MOVE = "INSERT INTO request_log (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM request_log_load ON CONFLICT (request_id, ts) DO NOTHING RETURNING request_id";
    // Characters of COPY text sent to the server at a time.
    private static final int COPY_CHUNK_CHARS = 1 << 16;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final KeyRing keys;
    private final Clock clock;
    private Connection connection;
    private PreparedStatement sqliteInsert;

    RequestLogWriter(DataSource dataSource, Dialect dialect, KeyRing keys, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.dialect = requireNonNull(dialect, "dialect");
        this.keys = requireNonNull(keys, "keys");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Writes records in one transaction, skipping any whose request id is already stored (or repeated earlier in
     * the batch). Bodies are written only for records that are new.
     *
     * @return how many records were new
     * @throws StoreException when the database refuses the batch (its cause is the driver's exception)
     */
    public int insertBatch(List<RequestRecord> records) {
        requireNonNull(records, "records");
        return records.isEmpty() ? 0 : insertBatch(List.of(records).iterator());
    }

    /**
     * Writes the records {@code chunks} gives in one transaction, as {@link #insertBatch(List)} does, asking for the
     * next chunk only once the last is written: the request log reads a batch from its journal a chunk at a time, so
     * a batch of thousands of records is never in the heap whole (held whole for a transaction's length, it outlived
     * young collections and filled the old generation). On PostgreSQL, where which records are new is known only at
     * the end, the records that carry bodies are kept until then.
     *
     * @return how many records were new
     * @throws StoreException when the database refuses the batch (its cause is the driver's exception)
     */
    public int insertBatch(Iterator<List<RequestRecord>> chunks) {
        requireNonNull(chunks, "chunks");
        Connection c = null;
        try {
            c = connection();
            // A transaction only while a batch is written: the driver begins the next one at once when autocommit
            // stays off, and under IMMEDIATE mode that would hold SQLite's write lock between batches, so every
            // other writer (the admin API) would fail with SQLITE_BUSY.
            c.setAutoCommit(false);
            int inserted = dialect == Dialect.SQLITE ? insertStepwise(c, chunks) : copy(c, chunks);
            c.commit();
            c.setAutoCommit(true);
            return inserted;
        } catch (SQLException e) {
            abandon(c);
            throw new StoreException("database error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abandon(c);
            throw e;
        }
    }

    /** After a failed batch: roll it back, or give up the connection when even that fails. */
    private void abandon(Connection c) {
        if (c != null && !rolledBack(c)) {
            close();
        }
    }

    /** The connection this writer holds, opening it when needed. Tests read its settings. */
    Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                if (dialect == Dialect.SQLITE) {
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA journal_mode=WAL");
                        s.execute("PRAGMA synchronous=NORMAL");
                        s.execute("PRAGMA cache_size=-" + SQLITE_WRITER_CACHE_KIB);
                    }
                    sqliteInsert = c.prepareStatement(SQLITE_INSERT);
                } else {
                    try (Statement s = c.createStatement()) {
                        s.execute(PG_LOAD_TABLE);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private static boolean rolledBack(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * SQLite: one single-row statement stepped once per record, in JDBC batches of {@link #SQLITE_ROWS_PER_BATCH}.
     * SQLite parses a statement afresh each time it is prepared, and a 500-row VALUES list with 11,500 parameters
     * costs more to parse than the inserts themselves; the per-row update counts say which rows were new.
     */
    private int insertStepwise(Connection c, Iterator<List<RequestRecord>> chunks) throws SQLException {
        int inserted = 0;
        while (chunks.hasNext()) {
            List<RequestRecord> chunk = chunks.next();
            for (int start = 0; start < chunk.size(); start += SQLITE_ROWS_PER_BATCH) {
                inserted +=
                        insertStepwise(c, chunk.subList(start, Math.min(chunk.size(), start + SQLITE_ROWS_PER_BATCH)));
            }
        }
        return inserted;
    }

    private int insertStepwise(Connection c, List<RequestRecord> chunk) throws SQLException {
        boolean bodies = false;
        for (RequestRecord r : chunk) {
            bind(sqliteInsert, r);
            sqliteInsert.addBatch();
            bodies |= r.prompt() != null || r.completion() != null;
        }
        int[] counts = sqliteInsert.executeBatch();
        int inserted = 0;
        Set<String> fresh = bodies ? new HashSet<>() : null;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                inserted++;
                if (bodies) {
                    fresh.add(chunk.get(i).requestId());
                }
            }
        }
        if (bodies) {
            insertBodies(c, chunk, fresh, keys, clock);
        }
        return inserted;
    }

    /** Binds a record in the order of {@link #COLUMNS}, each value with its own type (no boxing, no dispatch). */
    private static void bind(PreparedStatement ps, RequestRecord r) throws SQLException {
        ps.setString(1, r.requestId());
        ps.setLong(2, r.ts().toEpochMilli());
        ps.setString(3, r.tenantId());
        ps.setString(4, r.keyId());
        ps.setString(5, r.userId());
        ps.setString(6, r.modelAsked());
        ps.setString(7, r.modelServed());
        ps.setString(8, r.deployment());
        ps.setString(9, r.provider());
        ps.setString(10, r.region());
        ps.setInt(11, r.status());
        ps.setString(12, r.errorCode());
        ps.setDouble(13, r.totalMs());
        setDouble(ps, 14, r.upstreamMs());
        setDouble(ps, 15, r.ttftMs());
        ps.setLong(16, r.inputTokens());
        ps.setLong(17, r.outputTokens());
        ps.setLong(18, r.cachedTokens());
        ps.setLong(19, r.reasoningTokens());
        setDouble(ps, 20, r.costUsd());
        ps.setBoolean(21, r.cacheHit());
        ps.setInt(22, r.attempts());
        ps.setInt(23, r.fallbacks());
        ps.setBoolean(24, r.usageEstimated());
        setDouble(ps, 25, r.billedCostUsd());
        if (r.promptFingerprint() == null) {
            ps.setNull(26, Types.BIGINT);
        } else {
            ps.setLong(26, r.promptFingerprint());
        }
        ps.setLong(27, r.cacheWriteTokens());
        setDouble(ps, 28, r.promptCacheSavedUsd());
        ps.setString(29, r.cacheStatus());
        setDouble(ps, 30, r.cacheSavedUsd());
        ps.setString(31, r.pii());
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    /**
     * PostgreSQL: the batch is copied into the connection's temporary table, then moved into request_log by one
     * INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING request_id, which names the rows really inserted. A
     * request id repeated within the batch is left out of the copy (the first is kept, as in an INSERT), so the
     * move never meets the same id twice. The temporary table empties itself at commit or rollback.
     */
    private int copy(Connection c, Iterator<List<RequestRecord>> chunks) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(PG_COPY_SQL);
        List<RequestRecord> withBodies = new ArrayList<>();
        try {
            CopyText rows = new CopyText(COPY_CHUNK_CHARS + 1024);
            Set<String> copied = new HashSet<>();
            while (chunks.hasNext()) {
                for (RequestRecord r : chunks.next()) {
                    if (copied.add(r.requestId())) {
                        copyRow(rows, r);
                        if (r.prompt() != null || r.completion() != null) {
                            withBodies.add(r);
                        }
                        if (rows.length() >= COPY_CHUNK_CHARS) {
                            send(in, rows);
                        }
                    }
                }
            }
            send(in, rows);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        List<String> newIds = Sql.query(c, PG_MOVE, rs -> rs.getString(1));
        insertBodies(c, withBodies, new HashSet<>(newIds), keys, clock);
        return newIds.size();
    }

    private static void send(CopyIn in, CopyText rows) throws SQLException {
        byte[] bytes = rows.take().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
    }

    /** One row in the order of {@link #COLUMNS}. */
    private static void copyRow(CopyText out, RequestRecord r) {
        out.text(r.requestId())
                .number(r.ts().toEpochMilli())
                .text(r.tenantId())
                .text(r.keyId())
                .text(r.userId())
                .text(r.modelAsked())
                .text(r.modelServed())
                .text(r.deployment())
                .text(r.provider())
                .text(r.region())
                .number(r.status())
                .text(r.errorCode())
                .number(r.totalMs())
                .number(r.upstreamMs())
                .number(r.ttftMs())
                .number(r.inputTokens())
                .number(r.outputTokens())
                .number(r.cachedTokens())
                .number(r.reasoningTokens())
                .number(r.costUsd())
                .bool(r.cacheHit())
                .number(r.attempts())
                .number(r.fallbacks())
                .bool(r.usageEstimated())
                .number(r.billedCostUsd())
                .number(r.promptFingerprint())
                .number(r.cacheWriteTokens())
                .number(r.promptCacheSavedUsd())
                .text(r.cacheStatus())
                .number(r.cacheSavedUsd())
                .text(r.pii())
                .endRow();
    }

    /** Bodies are sealed under the current master key when one is set (its id recorded in the same transaction). */
    private static void insertBodies(
            Connection c, List<RequestRecord> chunk, Set<String> fresh, KeyRing keys, Clock clock) throws SQLException {
        boolean sealed = false;
        for (RequestRecord r : chunk) {
            if ((r.prompt() != null || r.completion() != null) && fresh.remove(r.requestId())) {
                Sql.update(
                        c,
                        "INSERT INTO request_body (request_id, prompt, completion) VALUES (?, ?, ?)",
                        r.requestId(),
                        keys.seal(r.prompt(), SealedColumn.PROMPT.where(r.requestId())),
                        keys.seal(r.completion(), SealedColumn.COMPLETION.where(r.requestId())));
                sealed = true;
            }
        }
        if (sealed) {
            KeyUse.record(c, keys, clock);
        }
    }

    /** Closes the connection (returns it to the pool); the next batch opens another. */
    @Override
    public void close() {
        Connection c = connection;
        connection = null;
        sqliteInsert = null;
        if (c != null) {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException | RuntimeException ignored) {
                // closing anyway; the pool discards a broken connection
            }
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // nothing more to release
            }
        }
    }
}
