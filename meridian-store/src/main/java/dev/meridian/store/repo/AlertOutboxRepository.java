package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.OutboxEntry;
import dev.meridian.store.model.OutboxStatus;
import dev.meridian.store.model.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The alert outbox: alerts queued for delivery, one row per alert and channel, kept once delivered.
 *
 * <p>Queueing is idempotent on the dedupe key, across replicas too. Sending is at least once: a replica claims a due
 * row for a lease ({@link #claim}) before it sends, so replicas do not send one row at the same time, and a replica
 * that dies while sending leaves the row to be sent again when its lease runs out. Every method blocks on JDBC.
 */
public final class AlertOutboxRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 1000;
    /** The longest error text kept per row. */
    public static final int MAX_ERROR = 500;

    private static final String COLUMNS = "id, dedupe_key, channel, tenant_id, payload, attempts, next_attempt_at, "
            + "delivered_at, last_error, created_at";

    private final Sql sql;
    private final Clock clock;

    public AlertOutboxRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Queues {@code payload} for {@code channel}, due now, unless an entry with {@code dedupeKey} exists.
     *
     * @param tenantId the tenant the alert is about, or null
     * @return the new entry, or empty when {@code dedupeKey} was queued before (by this replica or another)
     */
    public Optional<OutboxEntry> enqueue(String dedupeKey, String channel, String tenantId, String payload) {
        requireNonNull(dedupeKey, "dedupeKey");
        requireNonNull(channel, "channel");
        requireNonNull(payload, "payload");
        Instant now = Sql.millis(clock.instant());
        String id = Ids.next("alr_");
        int inserted = sql.withConnection(c -> Sql.update(
                c,
                "INSERT INTO alert_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, ?)"
                        + " ON CONFLICT (dedupe_key) DO NOTHING",
                id,
                dedupeKey,
                channel,
                tenantId,
                payload,
                now,
                now));
        return inserted == 0
                ? Optional.empty()
                : Optional.of(new OutboxEntry(id, dedupeKey, channel, tenantId, payload, 0, now, null, null, now));
    }

    /** Undelivered entries due at {@code now}, the longest due first; at most {@code limit}. */
    public List<OutboxEntry> due(Instant now, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        return sql.query(
                "SELECT " + COLUMNS + " FROM alert_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at, id LIMIT ?",
                AlertOutboxRepository::map,
                Sql.millis(now),
                limit);
    }

    /**
     * Claims {@code entry}, as {@link #due} returned it, until {@code leaseUntil}: only one of the callers that read
     * the same row wins, because the row changes only while it still holds the due time they read.
     *
     * @return whether this caller holds the entry and may send it
     */
    public boolean claim(OutboxEntry entry, Instant leaseUntil) {
        return sql.withConnection(c -> Sql.update(
                        c,
                        "UPDATE alert_outbox SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ?"
                                + " AND delivered_at IS NULL",
                        Sql.millis(leaseUntil),
                        entry.id(),
                        entry.nextAttemptAt()))
                == 1;
    }

    /** Marks the entry delivered now; an entry delivered before keeps its first time. */
    public void delivered(String id) {
        sql.withConnection(c -> Sql.update(
                c,
                "UPDATE alert_outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                Sql.millis(clock.instant()),
                id));
    }

    /**
     * Records a failed attempt and when to try again. Does nothing to an entry delivered meanwhile (by a replica
     * whose claim followed an expired one).
     *
     * @param error why it failed, cut to {@value #MAX_ERROR} characters; must not hold secrets
     * @return the failed attempts now counted, or 0 when the entry was delivered meanwhile or does not exist
     */
    public int failed(String id, String error, Instant nextAttemptAt) {
        String kept = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        return sql.inTransaction(c -> {
            int changed = Sql.update(
                    c,
                    "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                            + " WHERE id = ? AND delivered_at IS NULL",
                    kept,
                    Sql.millis(nextAttemptAt),
                    id);
            if (changed == 0) {
                return 0;
            }
            return Sql.query(c, "SELECT attempts FROM alert_outbox WHERE id = ?", rs -> rs.getInt(1), id)
                    .get(0);
        });
    }

    /** Entries not delivered yet. */
    public long pending() {
        return sql.queryOne("SELECT COUNT(*) FROM alert_outbox WHERE delivered_at IS NULL", rs -> rs.getLong(1))
                .orElse(0L);
    }

    public Optional<OutboxEntry> get(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM alert_outbox WHERE id = ?", AlertOutboxRepository::map, id);
    }

    /**
     * Entries newest first.
     *
     * @param status only entries in this state, or null for all
     * @param cursor the previous page's {@code nextCursor}, or null
     * @param limit 1 to {@value #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this repository did not issue
     */
    public Page<OutboxEntry> list(OutboxStatus status, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where = new Where();
        if (status != null) {
            where.and(
                    switch (status) {
                        case PENDING -> "delivered_at IS NULL";
                        case DELIVERED -> "delivered_at IS NOT NULL";
                        case FAILING -> "delivered_at IS NULL AND attempts > 0";
                    });
        }
        if (cursor != null) {
            Cursors.Position at = Cursors.decode(cursor);
            where.and("(created_at < ? OR (created_at = ? AND id < ?))", at.time(), at.time(), at.id());
        }
        List<OutboxEntry> rows = sql.query(
                "SELECT " + COLUMNS + " FROM alert_outbox" + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT ?",
                AlertOutboxRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, e -> Cursors.encode(e.createdAt().toEpochMilli(), e.id()));
    }

    private static OutboxEntry map(ResultSet rs) throws SQLException {
        return new OutboxEntry(
                rs.getString("id"),
                rs.getString("dedupe_key"),
                rs.getString("channel"),
                rs.getString("tenant_id"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"),
                Sql.instant(rs, "delivered_at"),
                rs.getString("last_error"),
                Sql.instant(rs, "created_at"));
    }
}
