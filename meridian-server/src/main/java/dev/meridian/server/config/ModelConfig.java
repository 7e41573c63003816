package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.meridian.core.routing.ModelPrice;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A public model name: a group of deployments and how requests for it are routed. The short form names one
 * deployment inline ({@code provider} + {@code model}); the full form lists {@code deployments}.
 *
 * @param strategy   weighted (default), least-in-flight, lowest-latency, lowest-cost, capacity, region-affinity
 * @param retry      overrides of {@code routing.retry} for this group (unset keys keep the global value)
 * @param fallbacks  groups to try, in order, when this group cannot answer, by error class
 * @param hedging    a second attempt on another deployment when the first is slow to start answering
 * @param degradeTo  a cheaper group that serves this group's requests while the gateway is loaded
 * @param degradeAt  the gateway load (in-flight / routing.overload.maxInFlight) from which degradeTo applies
 * @param smart      chosen per request by task type and quality tier, like {@code auto}
 * @param candidates for a smart group: task → tier → candidate public model names (default: routing.smart)
 * @param cache      the group's {@code cache} block: its response-cache policy (default: off) and
 *                   {@code cache.providerPrompt} (default: auto)
 */
public record ModelConfig(
        String provider,
        String model,
        String region,
        String country,
        PriceConfig price,
        String strategy,
        List<DeploymentConfig> deployments,
        RetryConfig retry,
        Map<String, List<String>> fallbacks,
        HedgingConfig hedging,
        String degradeTo,
        double degradeAt,
        boolean smart,
        Map<String, Map<String, List<String>>> candidates,
        CacheConfig cache) {

    public ModelConfig {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
        hedging = hedging == null ? HedgingConfig.off() : hedging;
        candidates = candidates == null ? Map.of() : Map.copyOf(candidates);
        cache = cache == null ? CacheConfig.DEFAULTS : cache;
    }

    /** One deployment, inline. */
    public ModelConfig(String provider, String model) {
        this(provider, model, null, null, null, null, null, null, null, null, null, 0.8, false, null, null);
    }

    @JsonCreator
    static ModelConfig fromYaml(
            @JsonProperty("provider") String provider,
            @JsonProperty("model") String model,
            @JsonProperty("region") String region,
            @JsonProperty("country") String country,
            @JsonProperty("price") PriceConfig price,
            @JsonProperty("strategy") String strategy,
            @JsonProperty("deployments") List<DeploymentConfig> deployments,
            @JsonProperty("retry") RetryConfig retry,
            @JsonProperty("fallbacks") Map<String, List<String>> fallbacks,
            @JsonProperty("hedging") HedgingConfig hedging,
            @JsonProperty("degradeTo") String degradeTo,
            @JsonProperty("degradeAt") Double degradeAt,
            @JsonProperty("smart") Boolean smart,
            @JsonProperty("candidates") Map<String, Map<String, List<String>>> candidates,
            @JsonProperty("cache") CacheConfig cache) {
        return new ModelConfig(
                provider,
                model,
                region,
                country,
                price,
                strategy,
                deployments,
                retry,
                fallbacks,
                hedging,
                degradeTo,
                degradeAt == null ? 0.8 : degradeAt,
                smart != null && smart,
                candidates,
                cache);
    }

    /** The deployments of this group, the short form turned into a one-element list. */
    public List<DeploymentConfig> allDeployments() {
        if (!deployments.isEmpty() || provider == null && model == null) {
            return deployments;
        }
        return List.of(new DeploymentConfig(null, provider, model, region, country, 1, price, 0, 0, 0, List.of()));
    }

    /**
     * One place a group's requests can be served.
     *
     * @param name        identifies the deployment in headers, metrics and logs (default provider/model)
     * @param weight      share of traffic under the weighted strategy (default 1)
     * @param price       USD per million tokens, overriding the catalogue's: what requests cost, lowest-cost routing
     *                    and smart selection
     * @param rpm         requests per minute it can take (0: unknown); a deployment at its limit is skipped
     * @param tpm         tokens per minute it can take (0: unknown)
     * @param maxInFlight concurrent requests it may have (0: no limit)
     * @param region      where it runs, e.g. us-east, eu-west (defaults to the provider's)
     * @param country     ISO country code of where data is processed, e.g. US, DE, CN (defaults to the provider's)
     */
    public record DeploymentConfig(
            String name,
            String provider,
            String model,
            String region,
            String country,
            int weight,
            PriceConfig price,
            long rpm,
            long tpm,
            int maxInFlight,
            List<String> tags) {

        public DeploymentConfig {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        @JsonCreator
        static DeploymentConfig fromYaml(
                @JsonProperty("name") String name,
                @JsonProperty("provider") String provider,
                @JsonProperty("model") String model,
                @JsonProperty("region") String region,
                @JsonProperty("country") String country,
                @JsonProperty("weight") Integer weight,
                @JsonProperty("price") PriceConfig price,
                @JsonProperty("rpm") Long rpm,
                @JsonProperty("tpm") Long tpm,
                @JsonProperty("maxInFlight") Integer maxInFlight,
                @JsonProperty("tags") List<String> tags) {
            return new DeploymentConfig(
                    name,
                    provider,
                    model,
                    region,
                    country,
                    weight == null ? 1 : weight,
                    price,
                    rpm == null ? 0 : rpm,
                    tpm == null ? 0 : tpm,
                    maxInFlight == null ? 0 : maxInFlight,
                    tags);
        }

        public String id() {
            return name != null ? name : provider + "/" + model;
        }
    }

    /**
     * A deployment's own price in USD per million tokens, overriding the catalogue's.
     *
     * @param cachedInput tokens read from the prompt cache (default {@code input})
     * @param cacheWrite  tokens written to the prompt cache (default {@code input})
     * @param reasoning   reasoning tokens (default {@code output})
     * @param allowHigh   true accepts a price above {@link #PLAUSIBLE_MAX} per million, which is otherwise refused as
     *                    a likely typo (default false)
     */
    public record PriceConfig(
            double input, double output, Double cachedInput, Double cacheWrite, Double reasoning, Boolean allowHigh) {

        /** The highest price per million tokens accepted without {@code allowHigh}. */
        public static final double PLAUSIBLE_MAX = 1_000;

        /** The price with its defaults filled in. */
        public ModelPrice toModelPrice() {
            return new ModelPrice(
                    input,
                    output,
                    cachedInput == null ? input : cachedInput,
                    cacheWrite == null ? input : cacheWrite,
                    reasoning == null ? output : reasoning);
        }
    }

    /**
     * Hedging: if the first attempt has not started answering after {@code delay}, a second one starts on
     * another deployment and the first to answer wins.
     *
     * @param delay         a duration, or null for the deployment's recent p95 time to first token
     * @param fallbackDelay the delay while too few samples exist for the p95 (default 1s)
     */
    public record HedgingConfig(boolean enabled, Duration delay, Duration fallbackDelay) {

        @JsonCreator
        static HedgingConfig fromYaml(
                @JsonProperty("enabled") Boolean enabled,
                @JsonProperty("delay") Duration delay,
                @JsonProperty("fallbackDelay") Duration fallbackDelay) {
            return new HedgingConfig(
                    enabled == null || enabled, delay, fallbackDelay == null ? Duration.ofSeconds(1) : fallbackDelay);
        }

        public static HedgingConfig off() {
            return new HedgingConfig(false, null, Duration.ofSeconds(1));
        }
    }
}
