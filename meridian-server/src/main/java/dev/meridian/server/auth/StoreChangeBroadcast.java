package dev.meridian.server.auth;

import dev.meridian.server.redis.RedisChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every replica sharing the Redis that this one changed the store, so that each reads the store's change
 * version at once instead of at its next once-a-second poll: without it, a key revoked or a budget created through
 * one replica is enforced by the others only up to a second later. The channel {@code <prefix>store-change} carries
 * nothing a replica trusts: a message only makes it poll now, and the database says what changed. A lost message
 * costs that second, nothing more. Thread-safe; never blocks.
 */
public final class StoreChangeBroadcast {

    private static final Logger LOG = LoggerFactory.getLogger(StoreChangeBroadcast.class);
    static final String CHANNEL = "store-change";

    private final RedisChannel channel;
    private final Supplier<Future<Boolean>> poll;
    private final Counter changed;
    private final Counter unchanged;
    private final Counter failed;

    private StoreChangeBroadcast(
            Vertx vertx, Redis redis, String prefix, Supplier<Future<Boolean>> poll, MeterRegistry registry) {
        this.channel = new RedisChannel(vertx, redis, prefix + CHANNEL, payload -> received());
        this.poll = poll;
        this.changed = counter(registry, "changed");
        this.unchanged = counter(registry, "unchanged");
        this.failed = counter(registry, "failed");
    }

    /**
     * Subscribes to {@code <prefix>store-change} through {@code redis}, the gateway's Redis client.
     *
     * @param poll reads the change version now and says whether it moved ({@link DatabaseAuthenticator#pollChanges})
     */
    public static StoreChangeBroadcast start(
            Vertx vertx, Redis redis, String prefix, Supplier<Future<Boolean>> poll, MeterRegistry registry) {
        StoreChangeBroadcast broadcast = new StoreChangeBroadcast(vertx, redis, prefix, poll, registry);
        broadcast.channel.start();
        return broadcast;
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("meridian_store_change_messages")
                .description("Store change messages received from replicas, by whether the poll they caused found"
                        + " the store changed")
                .tag("result", result)
                .register(registry);
    }

    private void received() {
        poll.get().onComplete(ar -> (ar.failed() ? failed : ar.result() ? changed : unchanged).increment());
    }

    /**
     * Tells every replica, this one included, that this replica committed a change to the store. Never fails: when
     * Redis does, the others see the change at their next poll.
     */
    public void publish() {
        channel.publish("changed")
                .onFailure(e -> LOG.debug(
                        "a store change could not be broadcast; the other replicas see it at their next poll: {}",
                        e.toString()));
    }

    /** Stops resubscribing. */
    public void close() {
        channel.close();
    }
}
