package dev.meridian.server.secrets;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.upstream.Provider;
import dev.meridian.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider credentials stored through the admin API, in force on this replica: read when the database opens and
 * again whenever the store's change version moves (a change on any replica), and applied to the providers so the
 * next upstream call sends them. A provider without a stored credential sends its configured apiKey. Thread-safe.
 */
public final class CredentialOverrides {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialOverrides.class);

    private final RouteTable routes;
    private final Future<Database> database;
    private volatile Vertx vertx;
    private volatile Map<String, String> lastRead = Map.of();

    public CredentialOverrides(RouteTable routes, Future<Database> database) {
        this.routes = requireNonNull(routes, "routes");
        this.database = requireNonNull(database, "database");
    }

    /** Applies the stored credentials once the database opens; {@link #reload} applies later changes. */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        database.onSuccess(db -> reload());
    }

    /** Reads the stored credentials (on a worker thread) and applies them; completes once they are in force. */
    public Future<Void> reload() {
        Vertx v = vertx;
        if (v == null || !database.succeeded()) {
            return Future.succeededFuture();
        }
        Database db = database.result();
        return v.executeBlocking(() -> db.providerCredentials().apiKeys(), false)
                .onFailure(e -> LOG.warn("stored provider credentials could not be read: {}", e.getMessage()))
                .map(stored -> {
                    apply(stored);
                    return null;
                });
    }

    /** Blocking: reads and applies now, on the caller's (worker) thread, for the admin API's own changes. */
    public void reloadNow(Database db) {
        apply(db.providerCredentials().apiKeys());
    }

    private void apply(Map<String, String> stored) {
        lastRead = stored;
        applyTo(routes.providers(), stored);
    }

    /**
     * Gives {@code providers} (those of a configuration about to be put in force) the credentials last read, so a
     * provider new or changed by a reload sends its stored credential from its first call.
     */
    public void prepare(java.util.Collection<Provider> providers) {
        applyTo(providers, lastRead);
    }

    private static void applyTo(java.util.Collection<Provider> providers, Map<String, String> stored) {
        for (Provider p : providers) {
            boolean had = p.storedCredential();
            p.useCredential(stored.get(p.name()));
            if (had != p.storedCredential()) {
                LOG.info(
                        "provider {} now sends {}",
                        p.name(),
                        p.storedCredential() ? "the credential stored through the admin API" : "its configured apiKey");
            }
        }
    }
}
