package dev.meridian.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every replica sharing the Redis that answers were purged, so that each drops its in-process copies too: a
 * purge through one replica would otherwise leave the others serving what was purged until it expired. A Redis
 * channel, {@code <prefix>purge}, carries {@code {"tenant":…,"model":…}}; each replica subscribes on its own
 * connection and resubscribes after losing it. Thread-safe; never blocks.
 */
final class PurgeBroadcast {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeBroadcast.class);
    private static final long RESUBSCRIBE_MILLIS = 1000;

    private final Vertx vertx;
    private final Redis redis;
    private final String channel;
    private final BiConsumer<String, String> onPurge;
    private volatile boolean closed;

    /** @param onPurge called with the purge's tenant and model (each null for "any") on a Vert.x thread */
    PurgeBroadcast(Vertx vertx, Redis redis, String prefix, BiConsumer<String, String> onPurge) {
        this.vertx = vertx;
        this.redis = redis;
        this.channel = prefix + "purge";
        this.onPurge = onPurge;
    }

    void start() {
        redis.connect().onSuccess(this::listen).onFailure(e -> retry());
    }

    private void listen(RedisConnection connection) {
        connection.handler(this::message);
        connection.exceptionHandler(e -> connection.close());
        connection.endHandler(v -> retry());
        connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(e -> connection.close());
    }

    private void retry() {
        if (!closed) {
            vertx.setTimer(RESUBSCRIBE_MILLIS, id -> start());
        }
    }

    private void message(Response r) {
        // A pushed ["message", channel, payload]; anything else (the subscription's confirmation) is ignored.
        if (r.size() != 3
                || !"message".equals(r.get(0).toString())
                || !channel.equals(r.get(1).toString())) {
            return;
        }
        try {
            JsonNode purge = Json.parse(r.get(2).toBytes());
            onPurge.accept(purge.path("tenant").textValue(), purge.path("model").textValue());
        } catch (IOException | RuntimeException e) {
            LOG.warn("an unreadable cache purge message on {} was ignored: {}", channel, e.toString());
        }
    }

    /** Tells the other replicas; fails when Redis does. */
    Future<Void> publish(String tenantId, String group) {
        ObjectNode purge = Json.object().put("tenant", tenantId).put("model", group);
        return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(purge.toString()))
                .mapEmpty();
    }

    void close() {
        closed = true;
    }
}
