package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole static configuration, as read from the YAML file (or built by {@link EmbeddedDefaults}).
 * Every key and its default is documented in docs/configuration.md.
 *
 * @param demo whether the built-in provider simulator runs beside the configured providers, with its demo
 *             providers and models added to the file's ({@link DemoModels})
 * @param alerts where alerts (budget thresholds, tests) are delivered: webhooks, Slack and e-mail channels
 * @param redis  the Redis shared by replicas for limit counters and the response cache's shared tier;
 *               {@link RedisConfig#none()} keeps both in-process
 * @param pricing what is billed beyond list prices: volume discount tiers
 * @param cache  the response cache's tiers (which groups are cached is each group's {@code cache} block)
 * @param telemetry OpenTelemetry traces (off by default)
 */
public record MeridianConfig(
        ServerConfig server,
        AuthConfig auth,
        Map<String, ProviderConfig> providers,
        Map<String, ModelConfig> models,
        RoutingConfig routing,
        StorageConfig storage,
        boolean demo,
        AlertsConfig alerts,
        RedisConfig redis,
        PricingConfig pricing,
        ResponseCacheConfig cache,
        AuditConfig audit,
        PiiConfig pii,
        TelemetryConfig telemetry) {

    public MeridianConfig {
        server = server == null ? ServerConfig.defaults() : server;
        auth = auth == null ? new AuthConfig(List.of(), null) : auth;
        providers =
                providers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        models = models == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        routing = routing == null ? RoutingConfig.defaults() : routing;
        storage = storage == null ? StorageConfig.defaults() : storage;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        redis = redis == null ? RedisConfig.none() : redis;
        pricing = pricing == null ? PricingConfig.defaults() : pricing;
        cache = cache == null ? ResponseCacheConfig.defaults() : cache;
        audit = audit == null ? AuditConfig.defaults() : audit;
        pii = pii == null ? PiiConfig.off() : pii;
        telemetry = telemetry == null ? TelemetryConfig.defaults() : telemetry;
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            RoutingConfig routing,
            StorageConfig storage,
            boolean demo,
            AlertsConfig alerts,
            RedisConfig redis,
            PricingConfig pricing,
            ResponseCacheConfig cache,
            AuditConfig audit,
            PiiConfig pii) {
        this(server, auth, providers, models, routing, storage, demo, alerts, redis, pricing, cache, audit, pii, null);
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            RoutingConfig routing,
            StorageConfig storage,
            boolean demo,
            AlertsConfig alerts,
            RedisConfig redis,
            PricingConfig pricing,
            ResponseCacheConfig cache) {
        this(server, auth, providers, models, routing, storage, demo, alerts, redis, pricing, cache, null, null);
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            RoutingConfig routing,
            StorageConfig storage,
            boolean demo,
            AlertsConfig alerts) {
        this(server, auth, providers, models, routing, storage, demo, alerts, null, null, null);
    }

    @JsonCreator
    static MeridianConfig fromYaml(
            @JsonProperty("server") ServerConfig server,
            @JsonProperty("auth") AuthConfig auth,
            @JsonProperty("providers") Map<String, ProviderConfig> providers,
            @JsonProperty("models") Map<String, ModelConfig> models,
            @JsonProperty("routing") RoutingConfig routing,
            @JsonProperty("storage") StorageConfig storage,
            @JsonProperty("demo") Boolean demo,
            @JsonProperty("alerts") AlertsConfig alerts,
            @JsonProperty("redis") RedisConfig redis,
            @JsonProperty("pricing") PricingConfig pricing,
            @JsonProperty("cache") ResponseCacheConfig cache,
            @JsonProperty("audit") AuditConfig audit,
            @JsonProperty("pii") PiiConfig pii,
            @JsonProperty("telemetry") TelemetryConfig telemetry) {
        return new MeridianConfig(
                server,
                auth,
                providers,
                models,
                routing,
                storage,
                demo != null && demo,
                alerts,
                redis,
                pricing,
                cache,
                audit,
                pii,
                telemetry);
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            RoutingConfig routing,
            StorageConfig storage,
            boolean demo) {
        this(server, auth, providers, models, routing, storage, demo, null);
    }

    public MeridianConfig(
            ServerConfig server,
            AuthConfig auth,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            RoutingConfig routing,
            StorageConfig storage) {
        this(server, auth, providers, models, routing, storage, false);
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
        return new MeridianConfig(
                server.withHost(host),
                auth,
                providers,
                models,
                routing,
                storage,
                demo,
                alerts,
                redis,
                pricing,
                cache,
                audit,
                pii,
                telemetry);
    }

    public MeridianConfig withPort(int port) {
        return new MeridianConfig(
                server.withPort(port),
                auth,
                providers,
                models,
                routing,
                storage,
                demo,
                alerts,
                redis,
                pricing,
                cache,
                audit,
                pii,
                telemetry);
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
