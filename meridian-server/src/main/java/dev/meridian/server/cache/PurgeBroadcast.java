package dev.meridian.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.redis.RedisChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every replica sharing the Redis that answers were purged, so that each drops its in-process copies too: a
 * purge through one replica would otherwise leave the others serving what was purged until it expired. A Redis
 * channel, {@code <prefix>purge}, carries {@code {"tenant":…,"model":…}}; each replica subscribes on its own
 * connection and resubscribes after losing it ({@link RedisChannel}). Thread-safe; never blocks.
 */
final class PurgeBroadcast {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeBroadcast.class);

    private final RedisChannel channel;
    private final BiConsumer<String, String> onPurge;

    /** @param onPurge called with the purge's tenant and model (each null for "any") on a Vert.x thread */
    PurgeBroadcast(Vertx vertx, Redis redis, String prefix, BiConsumer<String, String> onPurge) {
        this.channel = new RedisChannel(vertx, redis, prefix + "purge", this::message);
        this.onPurge = onPurge;
    }

    void start() {
        channel.start();
    }

    private void message(Buffer payload) {
        try {
            JsonNode purge = Json.parse(payload.getBytes());
            onPurge.accept(purge.path("tenant").textValue(), purge.path("model").textValue());
        } catch (IOException | RuntimeException e) {
            LOG.warn("an unreadable cache purge message on {} was ignored: {}", channel.name(), e.toString());
        }
    }

    /** Tells the other replicas; fails when Redis does. */
    Future<Void> publish(String tenantId, String group) {
        ObjectNode purge = Json.object().put("tenant", tenantId).put("model", group);
        return channel.publish(purge.toString());
    }

    void close() {
        channel.close();
    }
}
