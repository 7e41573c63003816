package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.ComplianceFigures;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The figures of a tenant's compliance report over {@code [from, to)}: each part is one aggregate query (GROUP BY in
 * the database, never all rows read into memory) over the request log's (tenant_id, ts) index or the audit log.
 * The event lists are bounded to {@link ComplianceFigures#MAX_EVENTS} (one more is read, to tell truncation).
 * Blocking; call it off the event loop.
 */
public final class ComplianceRepository {

    /** The audit action of residency evidence, one entry per cross-border request. */
    public static final String TRANSFER = "residency.transfer";
    /** The audit actions of a key's lifecycle. */
    public static final List<String> KEY_ACTIONS = List.of("key.create", "key.rotate", "key.revoke");
    /** The audit action of an erasure (GDPR article 17). */
    public static final String ERASURE = "tenant.erasure";

    private static final String AUDIT_COLUMNS =
            "id, ts, actor, tenant_id, action, target_type, target_id, before_json, after_json, source_ip";

    private final Sql sql;
    private final Dialect dialect;

    public ComplianceRepository(DataSource dataSource, Dialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect");
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), dialect);
    }

    public ComplianceFigures report(String tenantId, Instant from, Instant to) {
        requireNonNull(tenantId, "tenantId");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        return new ComplianceFigures(
                traffic(tenantId, from, to),
                transfers(tenantId, from, to),
                pii(tenantId, from, to),
                adminActions(tenantId, from, to),
                events(tenantId, from, to, KEY_ACTIONS),
                events(tenantId, from, to, List.of(ERASURE)));
    }

    private List<ComplianceFigures.Traffic> traffic(String tenantId, Instant from, Instant to) {
        return sql.query(
                "SELECT region, provider, COUNT(*) AS requests, COALESCE(SUM(input_tokens), 0) AS input_tokens,"
                        + " COALESCE(SUM(output_tokens), 0) AS output_tokens, COALESCE(SUM(cost_usd), 0) AS cost"
                        + " FROM request_log WHERE tenant_id = ? AND ts >= ? AND ts < ?"
                        + " GROUP BY region, provider ORDER BY region, provider",
                rs -> new ComplianceFigures.Traffic(
                        rs.getString("region"),
                        rs.getString("provider"),
                        rs.getLong("requests"),
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getDouble("cost")),
                tenantId,
                from,
                to);
    }

    private List<ComplianceFigures.Transfer> transfers(String tenantId, Instant from, Instant to) {
        String rule = dialect.jsonText("after_json", "rule");
        String source = dialect.jsonText("after_json", "source_country");
        String destination = dialect.jsonText("after_json", "destination_country");
        return sql.query(
                "SELECT " + rule + " AS rule, " + source + " AS source, " + destination + " AS destination,"
                        + " COUNT(*) AS requests FROM audit_log"
                        + " WHERE tenant_id = ? AND action = ? AND ts >= ? AND ts < ?"
                        + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                rs -> new ComplianceFigures.Transfer(
                        rs.getString("rule"),
                        rs.getString("source"),
                        rs.getString("destination"),
                        rs.getLong("requests")),
                tenantId,
                TRANSFER,
                from,
                to);
    }

    private List<ComplianceFigures.Detections> pii(String tenantId, Instant from, Instant to) {
        // request_log.pii is {"class": {"action": count}}: spread into one row per class and action, then summed.
        return sql.query(
                "SELECT c.key AS class, a.key AS action, SUM(" + dialect.jsonNumber("a") + ") AS found_values,"
                        + " COUNT(*) AS requests FROM request_log l, " + dialect.jsonEach("l.pii", "c") + ", "
                        + dialect.jsonEach("c.value", "a")
                        + " WHERE l.tenant_id = ? AND l.ts >= ? AND l.ts < ? AND l.pii IS NOT NULL"
                        + " GROUP BY c.key, a.key ORDER BY c.key, a.key",
                rs -> new ComplianceFigures.Detections(
                        rs.getString("class"),
                        rs.getString("action"),
                        rs.getLong("found_values"),
                        rs.getLong("requests")),
                tenantId,
                from,
                to);
    }

    private List<ComplianceFigures.AdminActions> adminActions(String tenantId, Instant from, Instant to) {
        return sql.query(
                "SELECT actor, action, COUNT(*) AS n FROM audit_log"
                        + " WHERE tenant_id = ? AND ts >= ? AND ts < ? AND action <> ?"
                        + " GROUP BY actor, action ORDER BY actor, action",
                rs -> new ComplianceFigures.AdminActions(
                        rs.getString("actor"), rs.getString("action"), rs.getLong("n")),
                tenantId,
                from,
                to,
                TRANSFER);
    }

    private List<AuditEntry> events(String tenantId, Instant from, Instant to, List<String> actions) {
        Object[] params = new Object[actions.size() + 4];
        params[0] = tenantId;
        params[1] = from;
        params[2] = to;
        for (int i = 0; i < actions.size(); i++) {
            params[3 + i] = actions.get(i);
        }
        params[params.length - 1] = ComplianceFigures.MAX_EVENTS + 1;
        String in = String.join(", ", java.util.Collections.nCopies(actions.size(), "?"));
        return sql.query(
                "SELECT " + AUDIT_COLUMNS + " FROM audit_log WHERE tenant_id = ? AND ts >= ? AND ts < ?"
                        + " AND action IN (" + in + ") ORDER BY id LIMIT ?",
                AuditRepository::map,
                params);
    }
}
