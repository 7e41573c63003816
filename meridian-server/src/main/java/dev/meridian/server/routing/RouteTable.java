package dev.meridian.server.routing;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.config.MeridianConfig;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public model names to routes, built once from the configuration. Lookups are plain map reads (no
 * allocation), safe from any thread. Model groups with several deployments come with the routing issue.
 */
public final class RouteTable {

    private final Map<String, Provider> providers;
    private final Map<String, Route> routes;

    public RouteTable(MeridianConfig config) {
        Map<String, Provider> ps = new LinkedHashMap<>();
        config.providers().forEach((name, p) -> ps.put(name, Provider.of(name, p)));
        Map<String, Route> rs = new LinkedHashMap<>();
        config.models().forEach((name, m) -> rs.put(name, new Route(name, ps.get(m.provider()), m.model())));
        this.providers = Map.copyOf(ps);
        this.routes = java.util.Collections.unmodifiableMap(rs);
    }

    /** @throws GatewayException 404 {@code model_not_found} for a name that is not configured */
    public Route route(String publicModel) {
        Route route = routes.get(publicModel);
        if (route == null) {
            throw GatewayException.builder(ErrorCode.MODEL_NOT_FOUND, "The model `" + publicModel
                    + "` does not exist or you do not have access to it.").param("model").build();
        }
        return route;
    }

    public Collection<Route> routes() {
        return routes.values();
    }

    public Collection<Provider> providers() {
        return providers.values();
    }
}
