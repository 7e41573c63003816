package dev.meridian.bench;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/** Removes what a benchmark wrote to the Redis at 127.0.0.1:6379, by the key prefix it gave the gateway. */
final class RedisKeys {

    private RedisKeys() {}

    static void deleteByPrefix(String prefix) {
        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:6379"));
            Response keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + "*"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (keys.size() > 0) {
                Request del = Request.cmd(Command.DEL);
                keys.forEach(k -> del.arg(k.toString()));
                redis.send(del).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("the benchmark's Redis keys (" + prefix + "*) could not be deleted: " + e);
        } finally {
            vertx.close();
        }
    }
}
