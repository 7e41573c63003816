package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * The listening side.
 *
 * @param host                    where to listen (default 0.0.0.0)
 * @param port                    default 8080
 * @param maxBodySize             largest accepted request body in bytes (default 32 MiB); larger bodies get 413
 * @param shutdownGracePeriod     how long in-flight requests and streams may take to finish on shutdown (default 30s)
 * @param eventLoops              event-loop threads serving requests (default: one per core)
 * @param accessLog               whether to write the structured access log (default true)
 * @param headerTimeout           how long a request's headers may take to arrive, from the connection's accept or
 *                                from the first byte of a later request on it (default 10s); past it, 408 and close
 * @param bodyStallTimeout        how long a request body may go without a byte (default 30s); past it, 408 and close
 * @param idleTimeout             how long a connection with no request in flight may stay open without a byte of a
 *                                new request (default 60s); a request waiting on a slow model is never idle
 * @param maxConnectionsPerClient open connections allowed per client IP address (default 256, 0 = unlimited);
 *                                further connections are closed at once
 * @param tls                     inbound TLS ({@link TlsConfig#NONE} when the listener speaks plain HTTP)
 * @param configWatchInterval     how often the configuration file is checked for changes to reload (default 1s;
 *                                0s turns the check off, SIGHUP still reloads)
 */
public record ServerConfig(
        String host,
        int port,
        long maxBodySize,
        Duration shutdownGracePeriod,
        int eventLoops,
        boolean accessLog,
        Duration headerTimeout,
        Duration bodyStallTimeout,
        Duration idleTimeout,
        int maxConnectionsPerClient,
        TlsConfig tls,
        Duration configWatchInterval) {

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY = 32L << 20;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 256;
    public static final Duration DEFAULT_CONFIG_WATCH_INTERVAL = Duration.ofSeconds(1);

    @JsonCreator
    static ServerConfig fromYaml(
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port,
            @JsonProperty("maxBodySize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                    Long maxBodySize,
            @JsonProperty("shutdownGracePeriod") Duration grace,
            @JsonProperty("eventLoops") Integer eventLoops,
            @JsonProperty("accessLog") Boolean accessLog,
            @JsonProperty("headerTimeout") Duration headerTimeout,
            @JsonProperty("bodyStallTimeout") Duration bodyStallTimeout,
            @JsonProperty("idleTimeout") Duration idleTimeout,
            @JsonProperty("maxConnectionsPerClient") Integer maxConnectionsPerClient,
            @JsonProperty("tls") TlsConfig tls,
            @JsonProperty("configWatchInterval") Duration configWatchInterval) {
        return new ServerConfig(
                host == null ? "0.0.0.0" : host,
                port == null ? DEFAULT_PORT : port,
                maxBodySize == null ? DEFAULT_MAX_BODY : maxBodySize,
                grace == null ? Duration.ofSeconds(30) : grace,
                eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops,
                accessLog == null || accessLog,
                headerTimeout == null ? DEFAULT_HEADER_TIMEOUT : headerTimeout,
                bodyStallTimeout == null ? DEFAULT_BODY_STALL_TIMEOUT : bodyStallTimeout,
                idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout,
                maxConnectionsPerClient == null ? DEFAULT_MAX_CONNECTIONS_PER_CLIENT : maxConnectionsPerClient,
                tls == null ? TlsConfig.NONE : tls,
                configWatchInterval == null ? DEFAULT_CONFIG_WATCH_INTERVAL : configWatchInterval);
    }

    public static ServerConfig defaults() {
        return fromYaml(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ServerConfig withHost(String newHost) {
        return with(newHost, port);
    }

    public ServerConfig withPort(int newPort) {
        return with(host, newPort);
    }

    private ServerConfig with(String newHost, int newPort) {
        return new ServerConfig(
                newHost,
                newPort,
                maxBodySize,
                shutdownGracePeriod,
                eventLoops,
                accessLog,
                headerTimeout,
                bodyStallTimeout,
                idleTimeout,
                maxConnectionsPerClient,
                tls,
                configWatchInterval);
    }
}
