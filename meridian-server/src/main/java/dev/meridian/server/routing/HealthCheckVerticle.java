package dev.meridian.server.routing;

import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.routing.HealthVerdict;
import dev.meridian.core.routing.ProviderHealth;
import dev.meridian.server.config.RoutingConfig;
import dev.meridian.server.upstream.Deadlines;
import dev.meridian.server.upstream.Provider;
import dev.meridian.server.upstream.UpstreamClients;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active health checks: every {@code interval}, each provider's model list (or its {@code healthCheck.path}) is
 * requested (no tokens spent) with {@code timeout}; a provider with {@code healthCheck.method: none} is never
 * checked. {@link HealthVerdict} classifies the status (a reachable server passes, even one without a model
 * list); a timeout or a connection failure fails. {@link ProviderHealth} turns those into healthy/unhealthy with
 * the configured thresholds; an unhealthy provider's deployments get no traffic while another deployment can
 * serve. Runs on its own event loop with its own connections, so checks never queue behind requests.
 */
public final class HealthCheckVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckVerticle.class);

    private final RouteTable table;
    private final RoutingConfig.HealthChecks config;
    private UpstreamClients clients;
    private Deadlines deadlines;
    private long timer = -1;
    private final java.util.Set<String> checking = new java.util.HashSet<>();

    public HealthCheckVerticle(RouteTable table, RoutingConfig.HealthChecks config) {
        this.table = table;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        clients = new UpstreamClients(vertx, table::providers, config.timeout());
        deadlines = new Deadlines(vertx);
        timer = vertx.setPeriodic(
                config.interval().toMillis(), config.interval().toMillis(), id -> checkAll());
        return Future.succeededFuture();
    }

    private void checkAll() {
        for (Provider provider : table.providers()) {
            // One check per provider at a time: a slow one is not stacked with the next.
            if (!provider.config().healthCheck().active() || !checking.add(provider.name())) {
                continue;
            }
            try {
                check(provider).onComplete(ar -> checking.remove(provider.name()));
            } catch (RuntimeException e) {
                checking.remove(provider.name());
                record(provider, e.toString());
            }
        }
    }

    private Future<Void> check(Provider provider) {
        UpstreamRequest probe = probe(provider);
        UpstreamExchange exchange = UpstreamExchange.open(
                deadlines,
                clients.client(provider),
                provider,
                probe,
                config.timeout().toNanos());
        return exchange.head()
                .compose(e -> e.body().map(body -> e.response().statusCode()))
                .onSuccess(status -> {
                    HealthVerdict verdict = HealthVerdict.ofStatus(status);
                    credentials(provider, verdict == HealthVerdict.CREDENTIALS_REFUSED, status);
                    record(provider, verdict.reachable() ? null : "HTTP " + status);
                })
                .onFailure(failure -> record(provider, failure.getMessage()))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    /** The adapter's model-list request, or the configured path with the same method and credentials. */
    private static UpstreamRequest probe(Provider provider) {
        UpstreamRequest list = provider.adapter().healthCheckRequest();
        String path = provider.config().healthCheck().path();
        return path == null ? list : new UpstreamRequest(list.method(), path, list.headers(), list.body(), false);
    }

    /** A 401/403 is logged and counted once when it starts and when it ends, not at every check. */
    private void credentials(Provider provider, boolean refused, int status) {
        if (table.health(provider.name()).recordCredentials(refused)) {
            if (refused) {
                LOG.warn(
                        "provider {} refused the gateway's credentials on its health check (HTTP {}): check its apiKey;"
                                + " it still counts as reachable",
                        provider.name(),
                        status);
            } else {
                LOG.info("provider {} accepts the gateway's credentials again", provider.name());
            }
        }
    }

    private void record(Provider provider, String error) {
        ProviderHealth health = table.health(provider.name());
        if (health.record(error, System.currentTimeMillis())) {
            if (health.healthy()) {
                LOG.info("provider {} is healthy again", provider.name());
            } else {
                LOG.warn(
                        "provider {} is unhealthy after {} failed health checks: {}",
                        provider.name(),
                        config.unhealthyThreshold(),
                        error);
            }
        }
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        deadlines.close();
        return clients.close();
    }
}
