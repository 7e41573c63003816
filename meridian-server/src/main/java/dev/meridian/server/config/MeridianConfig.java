package dev.meridian.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole static configuration, as read from the YAML file (or built by {@link EmbeddedDefaults}).
 * Every key and its default is documented in docs/configuration.md.
 */
public record MeridianConfig(ServerConfig server, AuthConfig auth, Map<String, ProviderConfig> providers,
                             Map<String, ModelConfig> models) {

    public MeridianConfig {
        server = server == null ? ServerConfig.defaults() : server;
        auth = auth == null ? new AuthConfig(List.of()) : auth;
        providers = providers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        models = models == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** A copy listening on another port (the command line and MERIDIAN_PORT win over the file). */
    public MeridianConfig withPort(int port) {
        return new MeridianConfig(server.withPort(port), auth, providers, models);
    }

    /** A public model name and where it is served. */
    public record ModelConfig(String provider, String model) {
    }

    /** Callers' keys. Database-backed keys come later behind the same authenticator interface. */
    public record AuthConfig(List<ApiKeyConfig> apiKeys) {
        public AuthConfig {
            apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        }
    }

    /** One caller key; {@code name} identifies it in logs and metrics (the key itself never is logged). */
    public record ApiKeyConfig(String name, String key) {
    }
}
