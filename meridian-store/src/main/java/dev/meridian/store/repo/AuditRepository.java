package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.AuditVerification;
import dev.meridian.store.model.ChainedAuditEntry;
import dev.meridian.store.model.Page;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log of admin actions, a tamper-evident hash chain ({@link AuditHash}). Append only: this class has no way to change or remove an entry, and the schema
 * rejects UPDATE and DELETE on the table with a trigger. The admin API appends one entry per action it performs;
 * repositories do not audit by themselves, since only the caller knows who acted and from where.
 */
public final class AuditRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 1000;

    private static final String COLUMNS =
            "id, ts, actor, tenant_id, action, target_type, target_id, before_json, after_json, source_ip";

    private final Sql sql;
    private final Clock clock;

    public AuditRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Appends an entry. Its id is ignored and assigned here; a null {@code ts} means now.
     *
     * @return the entry as stored, with its id and time
     */
    public AuditEntry append(AuditEntry entry) {
        return appendAll(List.of(requireNonNull(entry, "entry"))).get(0).entry();
    }

    /**
     * Appends entries, in order, to the end of the tamper-evident chain, in one transaction. The chain's head row is
     * updated first, which locks it (a row lock on PostgreSQL, the single write lock on SQLite) until the commit:
     * appends from every thread and every replica sharing the database are serialised, so the chain stays linear.
     *
     * @return the entries as stored, with their ids, times and chain fields
     */
    public List<ChainedAuditEntry> appendAll(List<AuditEntry> entries) {
        requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return List.of();
        }
        Instant now = Sql.millis(clock.instant());
        return sql.inTransaction(c -> {
            Head head = lockHead(c, entries.size());
            long seq = head.length() - entries.size();
            String prev = head.hash();
            List<ChainedAuditEntry> stored = new ArrayList<>(entries.size());
            for (AuditEntry e : entries) {
                seq++;
                AuditEntry timed = withId(e, 0, e.ts() == null ? now : Sql.millis(e.ts()));
                String hash = AuditHash.of(prev, seq, timed);
                long id = Sql.query(
                                c,
                                "INSERT INTO audit_log (ts, actor, tenant_id, action, target_type, target_id, "
                                        + "before_json, after_json, source_ip, chain_seq, prev_hash, entry_hash) "
                                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                rs -> rs.getLong(1),
                                timed.ts(),
                                timed.actor(),
                                timed.tenantId(),
                                timed.action(),
                                timed.targetType(),
                                timed.targetId(),
                                timed.beforeJson(),
                                timed.afterJson(),
                                timed.sourceIp(),
                                seq,
                                prev,
                                hash)
                        .get(0);
                stored.add(new ChainedAuditEntry(withId(timed, id, timed.ts()), seq, prev, hash));
                prev = hash;
            }
            Sql.update(c, "UPDATE audit_chain SET head_hash = ? WHERE id = 1", prev);
            return stored;
        });
    }

    /**
     * Chains the entries written before the chain existed (migration V13), in id order, once; later calls find none.
     * Entries written around the gateway since are left unchained, for {@link #verify} to report.
     *
     * @return how many entries were chained
     */
    public int chainUnchained() {
        return sql.inTransaction(c -> {
            long legacyMaxId = Sql.query(c, "SELECT legacy_max_id FROM audit_chain WHERE id = 1", rs -> rs.getLong(1))
                    .get(0);
            List<AuditEntry> legacy = Sql.query(
                    c,
                    "SELECT " + COLUMNS + " FROM audit_log WHERE entry_hash IS NULL AND id <= ? ORDER BY id",
                    AuditRepository::map,
                    legacyMaxId);
            if (legacy.isEmpty()) {
                return 0;
            }
            Head head = lockHead(c, legacy.size());
            long seq = head.length() - legacy.size();
            String prev = head.hash();
            for (AuditEntry e : legacy) {
                seq++;
                String hash = AuditHash.of(prev, seq, e);
                Sql.update(
                        c,
                        "UPDATE audit_log SET chain_seq = ?, prev_hash = ?, entry_hash = ? WHERE id = ?",
                        seq,
                        prev,
                        hash,
                        e.id());
                prev = hash;
            }
            Sql.update(c, "UPDATE audit_chain SET head_hash = ? WHERE id = 1", prev);
            return legacy.size();
        });
    }

    /** Checks the whole chain, oldest first, and reports the first break. Reads in pages; never writes. */
    public AuditVerification verify() {
        return new AuditChainVerifier(sql, COLUMNS, AuditRepository::map).verify();
    }

    private record Head(long length, String hash) {}

    /** Grows the head's length by {@code n} and returns it with the head hash before; locks the row to commit. */
    private static Head lockHead(Connection c, int n) throws SQLException {
        return Sql.query(
                        c,
                        "UPDATE audit_chain SET length = length + ? WHERE id = 1 RETURNING length, head_hash",
                        rs -> new Head(rs.getLong(1), rs.getString(2)),
                        n)
                .get(0);
    }

    private static AuditEntry withId(AuditEntry e, long id, Instant ts) {
        return new AuditEntry(
                id,
                ts,
                e.actor(),
                e.tenantId(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.beforeJson(),
                e.afterJson(),
                e.sourceIp());
    }

    /**
     * Entries newest first.
     *
     * @param tenantId one tenant's entries, or null for every entry (platform view)
     * @param from inclusive lower time bound, or null
     * @param to exclusive upper time bound, or null
     * @param cursor the previous page's {@code nextCursor}, or null
     * @param limit 1 to {@value #MAX_PAGE}
     */
    public Page<AuditEntry> list(String tenantId, Instant from, Instant to, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where = new Where()
                .andIf(tenantId, "tenant_id = ?")
                .andIf(from, "ts >= ?")
                .andIf(to, "ts < ?")
                // Ids grow with every append, so id order is append order and the id alone is the cursor.
                .andIf(
                        cursor == null
                                ? null
                                : Long.parseLong(Cursors.decode(cursor).id()),
                        "id < ?");
        List<AuditEntry> rows = sql.query(
                "SELECT " + COLUMNS + " FROM audit_log" + where.sql() + " ORDER BY id DESC LIMIT ?",
                AuditRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, e -> Cursors.encode(Long.toString(e.id())));
    }

    static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                Sql.instant(rs, "ts"),
                rs.getString("actor"),
                rs.getString("tenant_id"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("before_json"),
                rs.getString("after_json"),
                rs.getString("source_ip"));
    }
}
