package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the gateway tells an observability backend: OpenTelemetry traces, sent over OTLP/HTTP (off by default).
 *
 * @param traces the trace exporter
 */
public record TelemetryConfig(Traces traces) {

    public static TelemetryConfig defaults() {
        return fromYaml(null);
    }

    @JsonCreator
    static TelemetryConfig fromYaml(@JsonProperty("traces") Traces traces) {
        return new TelemetryConfig(
                traces == null ? Traces.fromYaml(null, null, null, null, null, null, null, null) : traces);
    }

    /**
     * @param enabled trace requests (default false: no OpenTelemetry object is touched on the request path)
     * @param endpoint the OTLP/HTTP traces URL (default {@code http://localhost:4318/v1/traces})
     * @param serviceName the {@code service.name} resource attribute (default {@code meridian})
     * @param sampleRatio the share of new traces kept, 0 to 1 (default 1.0); a caller's sampled flag is honoured
     * @param headers sent with every export (a backend's API key, say); never logged
     * @param maxQueueSize spans held for export; beyond, new spans are dropped (default 2048)
     * @param flushInterval the longest a finished span waits before its batch is sent (default 5s)
     * @param exportTimeout the longest one export may take (default 10s)
     */
    public record Traces(
            boolean enabled,
            String endpoint,
            String serviceName,
            double sampleRatio,
            Map<String, String> headers,
            int maxQueueSize,
            Duration flushInterval,
            Duration exportTimeout) {

        public Traces {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        @JsonCreator
        static Traces fromYaml(
                @JsonProperty("enabled") Boolean enabled,
                @JsonProperty("endpoint") String endpoint,
                @JsonProperty("serviceName") String serviceName,
                @JsonProperty("sampleRatio") Double sampleRatio,
                @JsonProperty("headers") Map<String, String> headers,
                @JsonProperty("maxQueueSize") Integer maxQueueSize,
                @JsonProperty("flushInterval") Duration flushInterval,
                @JsonProperty("exportTimeout") Duration exportTimeout) {
            return new Traces(
                    enabled != null && enabled,
                    endpoint == null ? "http://localhost:4318/v1/traces" : endpoint,
                    serviceName == null ? "meridian" : serviceName,
                    sampleRatio == null ? 1.0 : sampleRatio,
                    headers,
                    maxQueueSize == null ? 2048 : maxQueueSize,
                    flushInterval == null ? Duration.ofSeconds(5) : flushInterval,
                    exportTimeout == null ? Duration.ofSeconds(10) : exportTimeout);
        }
    }

    /** Adds each problem as "key: message". Checked whether or not traces are on, so a typo shows before it matters. */
    void check(List<String> problems) {
        Traces t = traces;
        String key = "telemetry.traces.";
        if (!httpUrl(t.endpoint())) {
            problems.add(key + "endpoint: must be an http:// or https:// URL with a host (OTLP/HTTP, e.g."
                    + " http://localhost:4318/v1/traces)");
        }
        if (t.serviceName().isBlank()) {
            problems.add(key + "serviceName: must not be blank");
        }
        if (!(t.sampleRatio() >= 0 && t.sampleRatio() <= 1)) {
            problems.add(key + "sampleRatio: must be between 0 and 1, got " + t.sampleRatio());
        }
        if (t.maxQueueSize() < 1) {
            problems.add(key + "maxQueueSize: must be at least 1");
        }
        if (t.flushInterval().toMillis() < 1) {
            problems.add(key + "flushInterval: must be at least 1ms");
        }
        if (t.exportTimeout().toMillis() < 1) {
            problems.add(key + "exportTimeout: must be at least 1ms");
        }
        for (Map.Entry<String, String> h : t.headers().entrySet()) {
            if (!h.getKey().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                problems.add(key + "headers: '" + h.getKey() + "' is not an HTTP header name");
            } else if (h.getValue() == null || h.getValue().isEmpty()) {
                problems.add(key + "headers." + h.getKey() + ": must have a value");
            }
        }
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
