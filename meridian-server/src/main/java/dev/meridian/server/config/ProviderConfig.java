package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.provider.ProviderSettings;
import java.time.Duration;
import java.util.Map;

/**
 * One upstream provider account: what it speaks, where it is, its credentials and the network path to it.
 *
 * @param type    openai, azure, anthropic, gemini or openai-compatible
 * @param baseUrl the API root (defaults per type; required for azure and openai-compatible)
 * @param region  where the account's endpoint runs (e.g. us-east), the default of its deployments
 * @param country ISO code of the country where it processes data, the default of its deployments
 * @param healthCheck how active health checks probe it (default: its model list)
 * @param responsesApi whether it serves OpenAI's Responses API, so {@code /v1/responses} requests pass through to
 *                     it (default: true for type openai, false otherwise; only OpenAI-protocol types use it)
 */
public record ProviderConfig(
        String type,
        String baseUrl,
        String apiKey,
        String apiVersion,
        Map<String, String> headers,
        Map<String, JsonNode> extraBody,
        boolean dropUnsupportedParams,
        boolean streamUsage,
        Timeouts timeouts,
        Proxy proxy,
        Tls tls,
        boolean http2,
        int maxConnections,
        String region,
        String country,
        HealthCheck healthCheck,
        boolean responsesApi) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        extraBody = extraBody == null ? Map.of() : Map.copyOf(extraBody);
        timeouts = timeouts == null ? Timeouts.defaults() : timeouts;
        tls = tls == null ? new Tls(false, null) : tls;
        healthCheck = healthCheck == null ? HealthCheck.DEFAULT : healthCheck;
    }

    @JsonCreator
    static ProviderConfig fromYaml(
            @JsonProperty("type") String type,
            @JsonProperty("baseUrl") String baseUrl,
            @JsonProperty("apiKey") String apiKey,
            @JsonProperty("apiVersion") String apiVersion,
            @JsonProperty("headers") Map<String, String> headers,
            @JsonProperty("extraBody") Map<String, JsonNode> extraBody,
            @JsonProperty("dropUnsupportedParams") Boolean drop,
            @JsonProperty("streamUsage") Boolean streamUsage,
            @JsonProperty("timeouts") Timeouts timeouts,
            @JsonProperty("proxy") Proxy proxy,
            @JsonProperty("tls") Tls tls,
            @JsonProperty("http2") Boolean http2,
            @JsonProperty("maxConnections") Integer maxConnections,
            @JsonProperty("region") String region,
            @JsonProperty("country") String country,
            @JsonProperty("healthCheck") HealthCheck healthCheck,
            @JsonProperty("responsesApi") Boolean responsesApi) {
        return new ProviderConfig(
                type,
                baseUrl,
                apiKey,
                apiVersion,
                headers,
                extraBody,
                drop != null && drop,
                streamUsage == null || streamUsage,
                timeouts,
                proxy,
                tls,
                http2 == null || http2,
                maxConnections == null ? 256 : maxConnections,
                region,
                country,
                healthCheck,
                responsesApi == null ? "openai".equals(type) : responsesApi);
    }

    public static ProviderConfig of(String type, String baseUrl, String apiKey) {
        return fromYaml(
                type, baseUrl, apiKey, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** This provider with another credential (one stored through the admin API). */
    public ProviderConfig withApiKey(String key) {
        return new ProviderConfig(
                type,
                baseUrl,
                key,
                apiVersion,
                headers,
                extraBody,
                dropUnsupportedParams,
                streamUsage,
                timeouts,
                proxy,
                tls,
                http2,
                maxConnections,
                region,
                country,
                healthCheck,
                responsesApi);
    }

    /** What the provider adapter needs (no network settings). */
    public ProviderSettings settings(String name) {
        return new ProviderSettings(
                name, apiKey, headers, extraBody, apiVersion, dropUnsupportedParams, streamUsage, responsesApi);
    }

    /**
     * @param connect   establishing the connection (TCP + TLS + proxy handshake); default 10s
     * @param firstByte from sending the request to the response head; default 60s (slow models think first)
     * @param idle      longest silence while reading a response or stream; default 60s
     * @param total     the whole exchange, streams included; default 10m
     */
    public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

        @JsonCreator
        static Timeouts fromYaml(
                @JsonProperty("connect") Duration connect,
                @JsonProperty("firstByte") Duration firstByte,
                @JsonProperty("idle") Duration idle,
                @JsonProperty("total") Duration total) {
            return new Timeouts(
                    connect == null ? Duration.ofSeconds(10) : connect,
                    firstByte == null ? Duration.ofSeconds(60) : firstByte,
                    idle == null ? Duration.ofSeconds(60) : idle,
                    total == null ? Duration.ofMinutes(10) : total);
        }

        public static Timeouts defaults() {
            return fromYaml(null, null, null, null);
        }
    }

    /**
     * An outbound proxy: {@code url} is {@code http://[user:password@]host:port} (HTTP CONNECT for https
     * providers, absolute-form requests for http ones) or {@code socks5://[user:password@]host:port}.
     * {@code username}/{@code password} may be given separately (they win over the URL's).
     */
    public record Proxy(String url, String username, String password) {}

    /**
     * How active health checks probe the provider (validated by {@code ConfigValidator}).
     *
     * @param method {@code get} (the default) or {@code none}: no active checks, its health then follows real
     *               requests only (the circuit breaker)
     * @param path   a path relative to the base URL to request instead of the model list, e.g. {@code /health};
     *               null for the model list
     */
    public record HealthCheck(String method, String path) {

        public static final String GET = "get";
        public static final String NONE = "none";
        static final HealthCheck DEFAULT = new HealthCheck(GET, null);

        @JsonCreator
        static HealthCheck fromYaml(@JsonProperty("method") String method, @JsonProperty("path") String path) {
            return new HealthCheck(method == null ? GET : method, path);
        }

        /** Whether active checks probe this provider at all. */
        public boolean active() {
            return !NONE.equals(method);
        }
    }

    /**
     * @param trustAll accept any server certificate (testing only)
     * @param caFile   PEM file of extra certificate authorities to trust (a company's TLS-inspecting proxy)
     */
    public record Tls(boolean trustAll, String caFile) {

        @JsonCreator
        static Tls fromYaml(@JsonProperty("trustAll") Boolean trustAll, @JsonProperty("caFile") String caFile) {
            return new Tls(trustAll != null && trustAll, caFile);
        }
    }
}
