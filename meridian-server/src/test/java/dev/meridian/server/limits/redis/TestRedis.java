package dev.meridian.server.limits.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Redis every test machine runs at 127.0.0.1:6379, used under a key prefix of its own
 * ({@code meridian-test:<uuid>:}); {@link #close} deletes that prefix's keys and nothing else (never a flush).
 * Fails with a message saying what is needed when Redis is not there.
 */
public final class TestRedis implements AutoCloseable {

    public static final String URL = "redis://127.0.0.1:6379";

    private final Redis redis;
    private final String prefix = "meridian-test:" + UUID.randomUUID() + ":";

    public TestRedis(Vertx vertx) {
        this.redis = Redis.createClient(
                vertx,
                new RedisOptions().setConnectionString(URL).setMaxPoolSize(16).setMaxPoolWaiting(4096));
        try {
            send(Request.cmd(Command.PING));
        } catch (AssertionError e) {
            throw new AssertionError(
                    "Redis must run at 127.0.0.1:6379 for this test (apt-get install redis-server): " + e.getMessage(),
                    e);
        }
    }

    public Redis client() {
        return redis;
    }

    public String prefix() {
        return prefix;
    }

    public Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Redis did not answer " + request + ": " + e, e);
        }
    }

    /** This test's keys (under its prefix). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = send(Request.cmd(Command.SCAN)
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(prefix + "*")
                    .arg("COUNT")
                    .arg(1000));
            cursor = r.get(0).toString();
            r.get(1).forEach(k -> keys.add(k.toString()));
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Deletes this test's keys: what a flush would do to them. */
    public void deleteKeys() {
        List<String> keys = keys();
        if (!keys.isEmpty()) {
            Request del = Request.cmd(Command.DEL);
            keys.forEach(del::arg);
            send(del);
        }
    }

    @Override
    public void close() {
        deleteKeys();
        redis.close();
    }
}
