package dev.meridian.server.routing;

import dev.meridian.core.provider.UpstreamRequest;
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
 * Active health checks: every {@code interval}, each provider's model list is requested (no tokens spent)
 * with {@code timeout}. 2xx and 429 (reachable, only busy) pass; anything else, a timeout or a connection
 * failure fails. {@link ProviderHealth} turns those into healthy/unhealthy with the configured thresholds;
 * an unhealthy provider's deployments get no traffic while another deployment can serve. Runs on its own
 * event loop with its own connections, so checks never queue behind requests.
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
        clients = new UpstreamClients(vertx, table.providers());
        deadlines = new Deadlines(vertx);
        timer = vertx.setPeriodic(
                config.interval().toMillis(), config.interval().toMillis(), id -> checkAll());
        return Future.succeededFuture();
    }

    private void checkAll() {
        for (Provider provider : table.providers()) {
            // One check per provider at a time: a slow one is not stacked with the next.
            if (!checking.add(provider.name())) {
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
        UpstreamRequest probe = provider.adapter().healthCheckRequest();
        UpstreamExchange exchange = UpstreamExchange.open(
                deadlines,
                clients.client(provider),
                provider,
                probe,
                config.timeout().toNanos());
        return exchange.head()
                .compose(e -> e.body().map(body -> {
                    int status = e.response().statusCode();
                    return status / 100 == 2 || status == 429 ? null : "HTTP " + status;
                }))
                .otherwise(Throwable::getMessage)
                .onSuccess(error -> record(provider, error))
                .mapEmpty();
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
