package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log of admin actions. Append only: this class has no way to change or remove an entry, and the schema
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
        requireNonNull(entry, "entry");
        Instant ts = Sql.millis(entry.ts() == null ? clock.instant() : entry.ts());
        long id = sql.inTransaction(c -> Sql.query(
                        c,
                        "INSERT INTO audit_log (ts, actor, tenant_id, action, target_type, "
                                + "target_id, before_json, after_json, source_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        rs -> rs.getLong(1),
                        ts,
                        entry.actor(),
                        entry.tenantId(),
                        entry.action(),
                        entry.targetType(),
                        entry.targetId(),
                        entry.beforeJson(),
                        entry.afterJson(),
                        entry.sourceIp())
                .get(0));
        return new AuditEntry(
                id,
                ts,
                entry.actor(),
                entry.tenantId(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                entry.beforeJson(),
                entry.afterJson(),
                entry.sourceIp());
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

    private static AuditEntry map(ResultSet rs) throws SQLException {
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
