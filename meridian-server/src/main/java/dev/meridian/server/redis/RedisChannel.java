package dev.meridian.server.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Consumer;

/**
 * One Redis pub/sub channel that every replica sharing the Redis listens to: {@link #start()} subscribes on a
 * connection of its own and resubscribes a second after losing it (or failing to connect), for as long as the channel
 * is not closed; {@link #publish} sends through the shared client. A message published while a replica is not
 * subscribed is lost to it, so what a channel carries must only ever speed up what happens anyway. Thread-safe; never
 * blocks.
 */
public final class RedisChannel {

    private static final long RESUBSCRIBE_MILLIS = 1000;

    private final Vertx vertx;
    private final Redis redis;
    private final String name;
    private final Consumer<Buffer> onMessage;
    private volatile boolean closed;

    /**
     * @param name      the channel's full name (the caller's key prefix included)
     * @param onMessage called with each message's payload, on a Vert.x thread; it must not block
     */
    public RedisChannel(Vertx vertx, Redis redis, String name, Consumer<Buffer> onMessage) {
        this.vertx = vertx;
        this.redis = redis;
        this.name = name;
        this.onMessage = onMessage;
    }

    public String name() {
        return name;
    }

    /** Subscribes, now and after every loss of the subscription until {@link #close()}. */
    public void start() {
        redis.connect().onSuccess(this::listen).onFailure(e -> retry());
    }

    private void listen(RedisConnection connection) {
        connection.handler(this::message);
        connection.exceptionHandler(e -> connection.close());
        connection.endHandler(v -> retry());
        connection.send(Request.cmd(Command.SUBSCRIBE).arg(name)).onFailure(e -> connection.close());
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
                || !name.equals(r.get(1).toString())) {
            return;
        }
        onMessage.accept(r.get(2).toBuffer());
    }

    /** Tells every subscribed replica, this one included; fails when Redis does. */
    public Future<Void> publish(String payload) {
        return redis.send(Request.cmd(Command.PUBLISH).arg(name).arg(payload)).mapEmpty();
    }

    /** Stops resubscribing; the subscription itself ends with the client's connections. */
    public void close() {
        closed = true;
    }
}
