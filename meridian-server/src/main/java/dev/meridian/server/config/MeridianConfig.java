package dev.meridian.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole static configuration, as read from the YAML file (or built by {@link EmbeddedDefaults}).
 * Every key and its default is documented in docs/configuration.md.
 */
public record MeridianConfig(
        ServerConfig server,
        AuthConfig auth,
        Map<String, ProviderConfig> providers,
        Map<String, ModelConfig> models,
        RoutingConfig routing,
        StorageConfig storage) {

    public MeridianConfig {
        server = server == null ? ServerConfig.defaults() : server;
        auth = auth == null ? new AuthConfig(List.of(), null) : auth;
        providers =
                providers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        models = models == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        routing = routing == null ? RoutingConfig.defaults() : routing;
        storage = storage == null ? StorageConfig.defaults() : storage;
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            RoutingConfig routing) {
        this(server, auth, providers, models, routing, null);
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models) {
        this(server, auth, providers, models, null);
    }

    /** A copy listening on another port (the command line and MERIDIAN_PORT win over the file). */
    public MeridianConfig withHost(String host) {
        return new MeridianConfig(server.withHost(host), auth, providers, models, routing, storage);
    }

    public MeridianConfig withPort(int port) {
        return new MeridianConfig(server.withPort(port), auth, providers, models, routing, storage);
    }

    /**
     * Callers' keys, and the admin API's key (default: MERIDIAN_ADMIN_KEY; none means the admin API is off).
     * Database-backed keys come later behind the same authenticator interface.
     */
    public record AuthConfig(List<ApiKeyConfig> apiKeys, String adminKey) {
        public AuthConfig {
            apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        }
    }

    /** One caller key; {@code name} identifies it in logs and metrics (the key itself never is logged). */
    public record ApiKeyConfig(String name, String key) {}
}
