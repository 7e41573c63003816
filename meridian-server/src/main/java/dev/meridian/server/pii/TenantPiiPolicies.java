package dev.meridian.server.pii;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.pii.PiiPolicy;
import dev.meridian.server.auth.DatabaseAuthenticator;
import dev.meridian.server.config.PiiConfig;
import dev.meridian.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PII policy of each tenant: its settings stored through the admin API ({@code tenant_pii}) over the gateway's
 * {@code pii.*} keys when it has some, else the configuration's ({@code pii.tenants.<id>}, else the gateway's). The
 * stored settings are read whole at start and again whenever this replica sees the store change, on a worker; the
 * request path only reads a map. Thread-safe.
 */
public final class TenantPiiPolicies {

    private static final Logger LOG = LoggerFactory.getLogger(TenantPiiPolicies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PiiConfig config;
    private volatile Map<String, PiiPolicy> stored = Map.of();

    public TenantPiiPolicies(PiiConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /** The policy for a caller of {@code tenantId} (null: a configured key without a tenant). */
    public PiiPolicy forTenant(String tenantId) {
        PiiPolicy own = tenantId == null ? null : stored.get(tenantId);
        return own != null ? own : config.forTenant(tenantId);
    }

    /**
     * The policy {@code settings} would give a tenant.
     *
     * @throws IllegalArgumentException naming the setting (e.g. {@code patterns: custom PII pattern 'x' ...}) when
     *     they are not valid
     */
    public PiiPolicy validate(PiiConfig.Settings settings) {
        return config.overGateway(settings, "pii");
    }

    /** The stored form of valid {@code settings}: the configuration's field names, as JSON. */
    public static String toJson(PiiConfig.Settings settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings {@link #toJson} stored. */
    public static PiiConfig.Settings fromJson(String json) {
        try {
            return JSON.readValue(json, PiiConfig.Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not PII settings: " + e.getOriginalMessage(), e);
        }
    }

    /** Loads the stored settings once the database opens, and again whenever {@code keys} sees the store change. */
    public void start(Vertx vertx, Future<Database> database, DatabaseAuthenticator keys) {
        database.onSuccess(db -> {
            Runnable reload = () -> vertx.executeBlocking(
                            () -> {
                                reload(db);
                                return null;
                            },
                            false)
                    .onFailure(e -> LOG.warn("tenants' PII settings could not be reloaded; keeping the last ones", e));
            reload.run();
            keys.onStoreChanged(reload);
        });
    }

    /**
     * Reads every tenant's stored settings (blocking). Settings that no longer validate over the gateway's (a
     * pattern they name was removed from the configuration) are logged as an error and that tenant falls back to the
     * configuration's policy until they are set again.
     */
    public void reload(Database db) {
        Map<String, PiiPolicy> next = new HashMap<>();
        db.tenantPii().all().forEach((tenantId, json) -> {
            try {
                next.put(tenantId, validate(fromJson(json)));
            } catch (IllegalArgumentException e) {
                LOG.error(
                        "tenant {}: its stored PII settings are no longer valid ({}); the configuration's policy"
                                + " applies until they are set again",
                        tenantId,
                        e.getMessage());
            }
        });
        stored = Map.copyOf(next);
    }

    /** Applies a change this replica just stored, before the change poll would. */
    public synchronized void changed(String tenantId, PiiPolicy policy) {
        Map<String, PiiPolicy> next = new HashMap<>(stored);
        if (policy == null) {
            next.remove(tenantId);
        } else {
            next.put(tenantId, policy);
        }
        stored = Map.copyOf(next);
    }
}
