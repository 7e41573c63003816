package dev.meridian.server.redis;

import dev.meridian.server.config.RedisConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * The gateway's one Redis client: the shared limits, the response cache's shared tier and the store-change
 * announcements all use it, one connection pool per gateway. A connection that cannot be made fails within
 * {@code redis.timeout}; what waits for a pooled connection is bounded. Thread-safe.
 */
public final class RedisClients {

    private RedisClients() {}

    public static Redis connect(Vertx vertx, RedisConfig config) {
        int timeout = (int) Math.max(1, config.timeout().toMillis());
        return Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString(config.url())
                        .setMaxPoolSize(16)
                        .setMaxPoolWaiting(4096)
                        .setNetClientOptions(new NetClientOptions()
                                .setConnectTimeout(timeout)
                                .setTcpNoDelay(true)
                                .setTcpKeepAlive(true)));
    }
}
