package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * The listening side.
 *
 * @param host                where to listen (default 0.0.0.0)
 * @param port                default 8080
 * @param maxBodySize         largest accepted request body in bytes (default 32 MiB); larger bodies get 413
 * @param shutdownGracePeriod how long in-flight requests and streams may take to finish on shutdown (default 30s)
 * @param eventLoops          event-loop threads serving requests (default: one per core)
 * @param accessLog           whether to write the structured access log (default true)
 */
public record ServerConfig(
        String host, int port, long maxBodySize, Duration shutdownGracePeriod, int eventLoops, boolean accessLog) {

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY = 32L << 20;

    @JsonCreator
    static ServerConfig fromYaml(
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port,
            @JsonProperty("maxBodySize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                    Long maxBodySize,
            @JsonProperty("shutdownGracePeriod") Duration grace,
            @JsonProperty("eventLoops") Integer eventLoops,
            @JsonProperty("accessLog") Boolean accessLog) {
        return new ServerConfig(
                host == null ? "0.0.0.0" : host,
                port == null ? DEFAULT_PORT : port,
                maxBodySize == null ? DEFAULT_MAX_BODY : maxBodySize,
                grace == null ? Duration.ofSeconds(30) : grace,
                eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops,
                accessLog == null || accessLog);
    }

    public static ServerConfig defaults() {
        return fromYaml(null, null, null, null, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxBodySize, shutdownGracePeriod, eventLoops, accessLog);
    }
}
