package dev.meridian.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.limits.redis.TestRedis;
import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisChannel} on the Redis at 127.0.0.1:6379, under the test's own key prefix: a message reaches every
 * subscriber of its channel and no other, and a subscription whose connection is cut is made again.
 */
class RedisChannelIT {

    private final Vertx vertx = Vertx.vertx();
    private final TestRedis redis = new TestRedis(vertx);
    private final List<RedisChannel> channels = new CopyOnWriteArrayList<>();
    /** Both ends of every connection through the relay. */
    private final List<NetSocket> relayed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(RedisChannel::close);
        redis.close();
        vertx.close();
    }

    private RedisChannel subscribed(Redis client, String name, List<String> received) {
        RedisChannel channel = new RedisChannel(vertx, client, name, payload -> received.add(payload.toString()));
        channels.add(channel);
        channel.start();
        return channel;
    }

    /** Publishes {@code payload} on {@code name} until {@code received} holds it (subscribing takes a moment). */
    private void publishUntilReceived(String name, String payload, List<String> received) {
        Poll.until(
                () -> {
                    redis.send(Request.cmd(Command.PUBLISH).arg(name).arg(payload));
                    return received.contains(payload);
                },
                "a subscriber of " + name + " receives " + payload);
    }

    /** A TCP relay to the test Redis, whose connections the test can cut; returns its port. */
    private int relay() throws Exception {
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer().connectHandler(in -> {
            in.pause();
            client.connect(6379, "127.0.0.1")
                    .onSuccess(out -> {
                        relayed.add(in);
                        relayed.add(out);
                        in.handler(out::write);
                        out.handler(in::write);
                        in.closeHandler(v -> out.close());
                        out.closeHandler(v -> in.close());
                        in.resume();
                    })
                    .onFailure(e -> in.close());
        });
        return server.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS).actualPort();
    }

    @Test
    void publish_reachesEverySubscriberOfTheChannel_andNoOther() throws Exception {
        String news = redis.prefix() + "news";
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        List<String> other = new CopyOnWriteArrayList<>();
        RedisChannel publisher = subscribed(redis.client(), news, first);
        subscribed(redis.client(), news, second);
        subscribed(redis.client(), redis.prefix() + "other", other);
        publishUntilReceived(news, "warm-up", first);
        publishUntilReceived(news, "warm-up", second);

        publisher.publish("purged tenant t1").await(5, TimeUnit.SECONDS);

        Poll.until(
                () -> first.contains("purged tenant t1") && second.contains("purged tenant t1"),
                "both subscribers of the channel receive the message");
        assertThat(other).isEmpty();
    }

    @Test
    void aSubscriptionWhoseConnectionIsCut_isMadeAgain() throws Exception {
        String name = redis.prefix() + "changes";
        List<String> received = new CopyOnWriteArrayList<>();
        subscribed(Redis.createClient(vertx, "redis://127.0.0.1:" + relay()), name, received);
        publishUntilReceived(name, "before the cut", received);
        int connectionsBefore = relayed.size();

        relayed.forEach(NetSocket::close);

        publishUntilReceived(name, "after the cut", received);
        assertThat(relayed.size()).as("the subscription's new connection").isGreaterThan(connectionsBefore);
    }
}
