package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tenants' own PII settings, one JSON text per tenant, as the gateway validated it. A change bumps the store's
 * change counter, so every replica reloads the settings at its next change poll; a tenant's deletion deletes its row.
 */
public final class TenantPiiRepository {

    private final Sql sql;
    private final Clock clock;

    public TenantPiiRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /** Every tenant's settings, by tenant id. A platform has at most one row per tenant, read whole on a change. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        sql.query(
                        "SELECT tenant_id, settings FROM tenant_pii ORDER BY tenant_id",
                        rs -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    public Optional<String> get(String tenantId) {
        return sql.queryOne("SELECT settings FROM tenant_pii WHERE tenant_id = ?", rs -> rs.getString(1), tenantId);
    }

    /** Stores {@code settings} (JSON) as the tenant's, replacing what it had. */
    public void put(String tenantId, String settings) {
        requireNonNull(tenantId, "tenantId");
        requireNonNull(settings, "settings");
        long now = clock.millis();
        sql.inTransaction(c -> {
            int n = Sql.update(
                    c,
                    "UPDATE tenant_pii SET settings = ?, updated_at = ? WHERE tenant_id = ?",
                    settings,
                    now,
                    tenantId);
            if (n == 0) {
                Sql.update(
                        c,
                        "INSERT INTO tenant_pii (tenant_id, settings, updated_at) VALUES (?, ?, ?)",
                        tenantId,
                        settings,
                        now);
            }
            ChangeVersion.bump(c);
            return null;
        });
    }

    /** @return whether the tenant had settings of its own */
    public boolean delete(String tenantId) {
        return sql.inTransaction(c -> {
            boolean had = Sql.update(c, "DELETE FROM tenant_pii WHERE tenant_id = ?", tenantId) > 0;
            if (had) {
                ChangeVersion.bump(c);
            }
            return had;
        });
    }
}
