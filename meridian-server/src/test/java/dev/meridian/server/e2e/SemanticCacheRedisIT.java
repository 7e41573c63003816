package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache in a cluster, two replicas sharing the Redis on 127.0.0.1:6379: each replica has its own index
 * (a near-duplicate hits on the replica that indexed the prompt, and not yet on the other, whose identical request is
 * still an exact hit from Redis), and a purge through one replica stops the other's semantic hits. Every key this
 * class writes starts with a prefix of its own run, and only those keys are deleted afterwards.
 */
class SemanticCacheRedisIT {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String PREFIX = "meridian-test:" + UUID.randomUUID() + ":";

    private static final String MODELS = """
              semantic:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache:
                  enabled: true
                  ttl: 10m
                  semantic: {enabled: true, embeddingModel: embed-openai, threshold: 0.9}
            """;

    private static Vertx vertx;
    private static Redis redis;
    private static GatewayFixture one;
    private static GatewayFixture two;

    @BeforeAll
    static void start() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 2000);
        } catch (IOException e) {
            fail("This test needs the Redis on 127.0.0.1:6379 and could not reach it: " + e.getMessage());
        }
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, REDIS);
        String shared = GatewayFixture.SINGLE_ATTEMPT + "cache:\n  keyPrefix: \"" + PREFIX
                + "\"\n  redisTimeout: 200ms\nredis:\n  url: " + REDIS + "\n";
        one = GatewayFixture.startWith("", MODELS, shared, GatewayFixture.ADMIN_KEY);
        two = GatewayFixture.startWith("", MODELS, shared, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayFixture g : new GatewayFixture[] {one, two}) {
            if (g != null) {
                g.close();
            }
        }
        if (redis != null) {
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            do {
                Response r = redis.send(Request.cmd(Command.SCAN)
                                .arg(cursor)
                                .arg("MATCH")
                                .arg(PREFIX + "*"))
                        .await(5, TimeUnit.SECONDS);
                cursor = r.get(0).toString();
                r.get(1).forEach(k -> keys.add(k.toString()));
            } while (!cursor.equals("0"));
            for (String key : keys) {
                redis.send(Request.cmd(Command.DEL).arg(key)).await(5, TimeUnit.SECONDS);
            }
            redis.close();
        }
        if (vertx != null) {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    private static String body(List<String> words) {
        return "{\"model\":\"semantic\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
                + String.join(" ", words) + "\"}]}";
    }

    private static List<String> words() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            words.add("r" + UUID.randomUUID().toString().substring(0, 8));
        }
        return words;
    }

    private static String cache(GatewayFixture gateway, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = gateway.send(b.build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-meridian-cache").orElse(null);
    }

    /** Stores the prompt's answer through replica one and waits until its near-duplicate hits there. */
    private static String storedThroughOne(List<String> words) {
        assertThat(cache(one, body(words))).isEqualTo("stored");
        String near = body(words.subList(1, words.size()));
        Poll.until(() -> "hit".equals(cache(one, near, "x-meridian-cache", "no-store")), "the prompt indexed");
        return near;
    }

    @Test
    void eachReplicaHasItsOwnIndex_whileTheAnswersAreShared() {
        List<String> words = words();
        String near = storedThroughOne(words);

        assertThat(cache(two, near, "x-meridian-cache", "no-store"))
                .as("replica two never indexed the prompt")
                .isEqualTo("miss");
        assertThat(cache(two, body(words)))
                .as("the same request is an exact hit from Redis")
                .isEqualTo("hit");
    }

    @Test
    void purgeThroughOneReplica_stopsTheOthersSemanticHits() {
        String near = storedThroughOne(words());

        AdminClient.Answer purged = new AdminClient(two, GatewayFixture.ADMIN_KEY).delete("/cache?model=semantic");
        assertThat(purged.status()).as(purged.toString()).isEqualTo(200);

        Poll.until(
                () -> "miss".equals(cache(one, near, "x-meridian-cache", "no-store")),
                "replica one to hear of the purge");
    }
}
