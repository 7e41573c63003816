package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How requests reach deployments: retries, circuit breakers, health checks, overload protection, regions,
 * data residency and smart model selection. Every key and its default is in docs/configuration.md.
 */
public record RoutingConfig(
        RetryConfig retry,
        Breaker breaker,
        HealthChecks healthChecks,
        Overload overload,
        Map<String, List<String>> regions,
        Residency residency,
        Smart smart) {

    public RoutingConfig {
        retry = retry == null ? RetryConfig.defaults() : retry.over(RetryConfig.defaults());
        breaker = breaker == null ? Breaker.fromYaml(null, null, null, null, null) : breaker;
        healthChecks = healthChecks == null ? HealthChecks.fromYaml(null, null, null, null, null) : healthChecks;
        overload = overload == null ? Overload.fromYaml(null, null, null, null, null) : overload;
        regions = regions == null ? null : Map.copyOf(regions);
        residency = residency == null ? new Residency(null, null) : residency;
        smart = smart == null ? new Smart(null, null, null) : smart;
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(null, null, null, null, null, null, null);
    }

    /**
     * @param consecutiveFailures open after this many failures in a row (default 5)
     * @param errorRate           or at this failure fraction over the window (default 0.5)...
     * @param minRequests         ...once the window holds this many outcomes (default 20)
     * @param window              default 30s
     * @param cooldown            how long an open circuit refuses traffic before one probe (default 30s)
     */
    public record Breaker(
            int consecutiveFailures, double errorRate, int minRequests, Duration window, Duration cooldown) {
        @JsonCreator
        static Breaker fromYaml(
                @JsonProperty("consecutiveFailures") Integer consecutiveFailures,
                @JsonProperty("errorRate") Double errorRate,
                @JsonProperty("minRequests") Integer minRequests,
                @JsonProperty("window") Duration window,
                @JsonProperty("cooldown") Duration cooldown) {
            return new Breaker(
                    consecutiveFailures == null ? 5 : consecutiveFailures,
                    errorRate == null ? 0.5 : errorRate,
                    minRequests == null ? 20 : minRequests,
                    window == null ? Duration.ofSeconds(30) : window,
                    cooldown == null ? Duration.ofSeconds(30) : cooldown);
        }
    }

    /**
     * Active checks of every provider (its model list, which costs no tokens). The seed's defaults.
     *
     * @param interval           default 10s
     * @param timeout            default 5s
     * @param unhealthyThreshold consecutive failures that take a provider's deployments out (default 3)
     * @param healthyThreshold   consecutive successes that bring them back (default 2)
     */
    public record HealthChecks(
            boolean enabled, Duration interval, Duration timeout, int unhealthyThreshold, int healthyThreshold) {
        @JsonCreator
        static HealthChecks fromYaml(
                @JsonProperty("enabled") Boolean enabled,
                @JsonProperty("interval") Duration interval,
                @JsonProperty("timeout") Duration timeout,
                @JsonProperty("unhealthyThreshold") Integer unhealthyThreshold,
                @JsonProperty("healthyThreshold") Integer healthyThreshold) {
            return new HealthChecks(
                    enabled == null || enabled,
                    interval == null ? Duration.ofSeconds(10) : interval,
                    timeout == null ? Duration.ofSeconds(5) : timeout,
                    unhealthyThreshold == null ? 3 : unhealthyThreshold,
                    healthyThreshold == null ? 2 : healthyThreshold);
        }
    }

    /**
     * @param maxInFlight  requests the gateway serves at once (default 4096)
     * @param maxQueue     requests that may wait for a free place (default 1024); beyond, requests are shed
     * @param queueTimeout the longest wait in that queue (default 5s)
     * @param shedStatus   429 or 503 (default 503), always with Retry-After
     * @param retryAfter   the Retry-After of a shed request (default 1s)
     */
    public record Overload(int maxInFlight, int maxQueue, Duration queueTimeout, int shedStatus, Duration retryAfter) {
        @JsonCreator
        static Overload fromYaml(
                @JsonProperty("maxInFlight") Integer maxInFlight,
                @JsonProperty("maxQueue") Integer maxQueue,
                @JsonProperty("queueTimeout") Duration queueTimeout,
                @JsonProperty("shedStatus") Integer shedStatus,
                @JsonProperty("retryAfter") Duration retryAfter) {
            return new Overload(
                    maxInFlight == null ? 4096 : maxInFlight,
                    maxQueue == null ? 1024 : maxQueue,
                    queueTimeout == null ? Duration.ofSeconds(5) : queueTimeout,
                    shedStatus == null ? 503 : shedStatus,
                    retryAfter == null ? Duration.ofSeconds(1) : retryAfter);
        }
    }

    /**
     * @param defaultRule the rule for requests that name none (default: none, i.e. no restriction)
     * @param rules       rule name → countries its data may be processed in (default: the seed's CN, EU, US)
     */
    public record Residency(String defaultRule, Map<String, List<String>> rules) {
        @JsonCreator
        public Residency(
                @JsonProperty("defaultRule") String defaultRule,
                @JsonProperty("rules") Map<String, List<String>> rules) {
            this.defaultRule = defaultRule;
            this.rules = rules == null ? null : Map.copyOf(rules);
        }
    }

    /**
     * @param defaultTier tier of a request that names none: low, medium (default) or high
     * @param candidates  task → tier → candidate public model names (default: the seed's CostOptimizer table)
     * @param outputTokens the answer length assumed when the request sets no max_tokens, for cost estimates
     *                     (default 500)
     */
    public record Smart(String defaultTier, Map<String, Map<String, List<String>>> candidates, Integer outputTokens) {
        @JsonCreator
        public Smart(
                @JsonProperty("defaultTier") String defaultTier,
                @JsonProperty("candidates") Map<String, Map<String, List<String>>> candidates,
                @JsonProperty("outputTokens") Integer outputTokens) {
            this.defaultTier = defaultTier == null ? "medium" : defaultTier;
            this.candidates = candidates == null ? null : Map.copyOf(candidates);
            this.outputTokens = outputTokens == null ? 500 : outputTokens;
        }
    }
}
