package dev.meridian.store.repo;

import static dev.meridian.store.repo.RetentionRepository.marks;
import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.Subject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Erasure (GDPR article 17) and export (article 15) of one subject's request data within a tenant.
 *
 * <p>Erasure deletes the subject's stored bodies and stored responses and anonymises its request-log rows: the
 * user, the key and the prompt fingerprint become NULL, while tokens, cost and the rest stay, so the tenant's totals
 * and budgets do not change. The rows keep their primary key, so a journal replay of one of them (ON CONFLICT DO
 * NOTHING) cannot bring the subject back. Work goes in bounded batches, each its own transaction.
 */
public final class ErasureRepository {

    /** The largest page or batch. */
    public static final int MAX_BATCH = 1_000;

    private final Sql sql;

    public ErasureRepository(DataSource dataSource, Dialect dialect) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
    }

    /** What an erasure did. */
    public record Counts(long requests, long bodies, long responses) {
        public Counts plus(Counts o) {
            return new Counts(requests + o.requests, bodies + o.bodies, responses + o.responses);
        }
    }

    /**
     * Erases the subject's records of requests made before {@code before}, in batches of {@code batch} rows.
     *
     * @return how many request-log rows were anonymised, and bodies and stored responses deleted
     */
    public Counts erase(String tenantId, Subject subject, Instant before, int batch) {
        requireNonNull(tenantId, "tenantId");
        requireNonNull(subject, "subject");
        Cursors.checkLimit(batch, MAX_BATCH);
        Set<String> keys = new LinkedHashSet<>();
        if (subject.type() == Subject.Type.KEY) {
            keys.add(subject.id());
        } else {
            keys.addAll(sql.query(
                    "SELECT id FROM api_keys WHERE tenant_id = ? AND user_id = ?",
                    rs -> rs.getString(1),
                    tenantId,
                    subject.id()));
        }
        long requests = 0;
        long bodies = 0;
        long from = Long.MIN_VALUE;
        while (true) {
            long after = from;
            // Anonymised rows no longer match, so the walk goes on from the last ts seen (>=: ties included).
            List<Hit> hits = sql.query(
                    batchOf(subject.type()),
                    rs -> new Hit(rs.getString(1), rs.getLong(2), rs.getString(3)),
                    tenantId,
                    subject.id(),
                    after,
                    before.toEpochMilli(),
                    batch);
            if (hits.isEmpty()) {
                break;
            }
            hits.stream().map(Hit::keyId).filter(k -> k != null).forEach(keys::add);
            long[] done = sql.inTransaction(c -> anonymise(c, tenantId, hits));
            if (done[1] == 0) {
                break; // the rows went meanwhile (retention); what is left is found by the next pass
            }
            bodies += done[0];
            requests += done[1];
            from = hits.get(hits.size() - 1).ts();
        }
        long responses = 0;
        for (String key : keys) {
            responses += sql.withConnection(
                    c -> Sql.update(c, "DELETE FROM responses WHERE owner = ? AND key_id = ?", tenantId, key));
        }
        return new Counts(requests, bodies, responses);
    }

    private record Hit(String requestId, long ts, String keyId) {}

    /**
     * The subject's next batch of rows, oldest first from a ts on: a walk of {@code request_log_tenant_user_ts} for a
     * user (V21), of the tenant's key index for a key.
     */
    static String batchOf(Subject.Type type) {
        return "SELECT request_id, ts, key_id FROM request_log WHERE tenant_id = ? AND " + type.column()
                + " = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?";
    }

    private static long[] anonymise(Connection c, String tenantId, List<Hit> hits) throws SQLException {
        List<Object> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.requestId()));
        int bodies = Sql.update(
                c, "DELETE FROM request_body WHERE request_id IN (" + marks(ids.size()) + ")", ids.toArray());
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.add(hits.get(0).ts());
        params.add(hits.get(hits.size() - 1).ts());
        params.addAll(ids);
        int rows = Sql.update(
                c,
                "UPDATE request_log SET user_id = NULL, key_id = NULL, prompt_fingerprint = NULL "
                        + "WHERE tenant_id = ? AND ts >= ? AND ts <= ? AND request_id IN (" + marks(ids.size())
                        + ")",
                params.toArray());
        return new long[] {bodies, rows};
    }

    /**
     * One page of the subject's request ids, newest first; the caller reads each record with its bodies through
     * {@link RequestLogRepository#get}.
     */
    public Page<String> requestIds(String tenantId, Subject subject, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_BATCH);
        Where where =
                new Where().and("tenant_id = ?", tenantId).and(subject.type().column() + " = ?", subject.id());
        if (cursor != null) {
            Cursors.Position after = Cursors.decode(cursor);
            where.and("ts <= ? AND (ts < ? OR request_id < ?)", after.time(), after.time(), after.id());
        }
        List<Cursors.Position> rows = sql.query(
                "SELECT request_id, ts FROM request_log" + where.sql() + " ORDER BY ts DESC, request_id DESC LIMIT ?",
                rs -> new Cursors.Position(rs.getLong(2), rs.getString(1)),
                where.params(limit + 1));
        Page<Cursors.Position> page = Cursors.page(rows, limit, p -> Cursors.encode(p.time(), p.id()));
        return new Page<>(page.items().stream().map(Cursors.Position::id).toList(), page.nextCursor());
    }

    /**
     * One page of the ids of the tenant's stored responses created by the subject's keys (for a user, the keys the
     * user owns), by id; the caller reads each through {@link ResponseRepository#find}.
     */
    public Page<String> responseIds(String tenantId, Subject subject, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_BATCH);
        String keys = subject.type() == Subject.Type.KEY
                ? "key_id = ?"
                : "key_id IN (SELECT id FROM api_keys WHERE tenant_id = ? AND user_id = ?)";
        Where where = new Where().and("owner = ?", tenantId);
        where = subject.type() == Subject.Type.KEY
                ? where.and(keys, subject.id())
                : where.and(keys, tenantId, subject.id());
        if (cursor != null) {
            where.and("id > ?", Cursors.decode(cursor).id());
        }
        List<String> rows = sql.query(
                "SELECT id FROM responses" + where.sql() + " ORDER BY id LIMIT ?",
                rs -> rs.getString(1),
                where.params(limit + 1));
        return Cursors.page(rows, limit, Cursors::encode);
    }

    /** An erasure to apply again to records that were still in flight when it ran. */
    public record Pending(String id, String tenantId, Subject subject, Instant erasedAt, Instant recheckUntil) {}

    /** Remembers an erasure until {@code recheckUntil}. */
    public Pending remember(String tenantId, Subject subject, Instant erasedAt, Instant recheckUntil) {
        Pending p = new Pending(Ids.next("era_"), tenantId, subject, erasedAt, recheckUntil);
        sql.withConnection(c -> Sql.update(
                c,
                "INSERT INTO subject_erasures (id, tenant_id, subject_type, subject_id, erased_at, recheck_until) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                p.id(),
                tenantId,
                subject.type().name().toLowerCase(Locale.ROOT),
                subject.id(),
                Sql.millis(erasedAt),
                Sql.millis(recheckUntil)));
        return p;
    }

    /** Every remembered erasure, oldest first. */
    public List<Pending> pending() {
        return sql.query(
                "SELECT id, tenant_id, subject_type, subject_id, erased_at, recheck_until FROM subject_erasures "
                        + "ORDER BY erased_at, id",
                rs -> new Pending(
                        rs.getString(1),
                        rs.getString(2),
                        new Subject(Subject.Type.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4)),
                        Sql.instant(rs, "erased_at"),
                        Sql.instant(rs, "recheck_until")));
    }

    /** Forgets a remembered erasure: its subject's id is no longer kept. */
    public void forget(String id) {
        sql.withConnection(c -> Sql.update(c, "DELETE FROM subject_erasures WHERE id = ?", id));
    }
}
