package dev.meridian.server.config;

/**
 * The Redis that replicas share ({@code redis}); unset means each replica keeps its state in process.
 *
 * @param url {@code redis://[:password@]host:port[/db]} or {@code rediss://...} for TLS; null for none
 */
public record RedisConfig(String url) {

    public static final RedisConfig NONE = new RedisConfig(null);

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
