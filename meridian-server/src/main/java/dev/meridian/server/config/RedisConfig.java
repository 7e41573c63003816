package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The Redis that every replica shares for budgets, plan quotas and rate limits (docs/budgets.md). Without a URL the
 * counters live in each process, exact for one replica only.
 *
 * @param url       {@code redis://[:password@]host:port[/db]} or {@code rediss://} for TLS; null: no Redis
 * @param keyPrefix prepended to every key the gateway writes (default {@code meridian:}), so that several gateways
 *                  or tests can share one Redis
 * @param timeout   how long a reservation waits for Redis before the gateway uses its local counters (default
 *                  5s). A refused or broken connection falls back at once; the timeout is for a Redis that hangs.
 *                  It is long because a saturated replica's event loop can hold a reply for more than a second
 *                  (measured: three replicas on two cores under a burst), and every fall back lets each replica spend
 *                  the remaining room on its own.
 */
public record RedisConfig(String url, String keyPrefix, Duration timeout) {

    public RedisConfig {
        keyPrefix = keyPrefix == null ? "meridian:" : keyPrefix;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    @JsonCreator
    static RedisConfig fromYaml(
            @JsonProperty("url") String url,
            @JsonProperty("keyPrefix") String keyPrefix,
            @JsonProperty("timeout") Duration timeout) {
        return new RedisConfig(url == null || url.isBlank() ? null : url.trim(), keyPrefix, timeout);
    }

    public static RedisConfig none() {
        return new RedisConfig(null, null, null);
    }

    public boolean enabled() {
        return url != null;
    }

    /** What is wrong with the URL, if anything (for {@code config check}). */
    public static Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("'" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            return Optional.of("'" + url + "' must start with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("'" + url + "' names no host");
        }
        String path = uri.getPath();
        if (path != null
                && !path.isEmpty()
                && !path.equals("/")
                && !path.substring(1).matches("\\d{1,2}")) {
            return Optional.of("'" + url + "' may only name a database number after the host (redis://host:6379/0)");
        }
        return Optional.empty();
    }
}
