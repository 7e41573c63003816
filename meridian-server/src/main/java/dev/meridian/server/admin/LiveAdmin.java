package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.checkSuperAdmin;

import dev.meridian.server.alerts.Alerts;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.config.ConfigControl;
import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.PriceList;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingStatus;
import dev.meridian.server.suggest.GroupPrices;

/**
 * The admin endpoints that read the running gateway rather than the database: routing status, effective prices and
 * the alert outbox's delivery. One object for all of them, so a new live endpoint is a method here and a route in
 * {@link AdminRoutes}, not one more handler threaded through the API's constructor.
 */
final class LiveAdmin {

    private final RouteTable routes;
    private final Admission admission;
    private final AlertAdmin alerts;
    private final CacheAdmin cache;
    private final SecretsAdmin secrets;
    private final ConfigAdmin config;

    LiveAdmin(
            RouteTable routes,
            Admission admission,
            Alerts alerts,
            ResponseCache cache,
            SecretsAdmin secrets,
            ConfigControl config) {
        this.secrets = secrets;
        this.config = new ConfigAdmin(config);
        this.routes = routes;
        this.admission = admission;
        this.alerts = new AlertAdmin(alerts);
        this.cache = new CacheAdmin(cache);
    }

    /** {@code GET /deployments}: every group's deployments with health, circuit and load. */
    Object deployments(Actor actor) {
        checkSuperAdmin(actor, "read the deployments");
        return RoutingStatus.all(routes, admission);
    }

    /** {@code GET /prices}: which providers and upstream models serve the platform is the operator's business. */
    Object prices(Actor actor) {
        checkSuperAdmin(actor, "read the prices");
        return PriceList.of(routes);
    }

    /**
     * {@code GET /config}: the configuration's version and file hash and the last reload's outcome and problems
     * (keys and reasons, never a value).
     */
    Object config(Actor actor) {
        return config.status(actor);
    }

    ConfigAdmin configAdmin() {
        return config;
    }

    /** The groups and their deployments' prices and availability now, for the suggestions; no access check. */
    GroupPrices groupPrices() {
        return GroupPrices.of(routes, System.nanoTime());
    }

    AlertAdmin alerts() {
        return alerts;
    }

    CacheAdmin cache() {
        return cache;
    }

    SecretsAdmin secrets() {
        return secrets;
    }
}
