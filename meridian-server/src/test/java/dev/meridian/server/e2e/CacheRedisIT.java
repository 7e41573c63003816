package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared tier against the real Redis on 127.0.0.1:6379: an answer stored through one replica is a hit on
 * another, and a Redis that does not answer never fails a request. Every key this class writes starts with a prefix
 * of its own run, and only those keys are deleted afterwards.
 */
class CacheRedisIT {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String PREFIX = "meridian-test:" + UUID.randomUUID() + ":";

    /** A cached model group; {@link CacheRedisSealingIT} serves it too. */
    static final String MODELS = """
              cached:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache: {enabled: true, ttl: 10m, maxTemperature: 0.5}
            """;

    private static Vertx vertx;
    private static Redis redis;
    private static GatewayFixture one;
    private static GatewayFixture two;
    private static GatewayFixture unreachable;

    @BeforeAll
    static void start() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 2000);
        } catch (IOException e) {
            fail("This test needs the Redis on 127.0.0.1:6379 and could not reach it: " + e.getMessage());
        }
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, REDIS);
        String shared = sections(REDIS, "200ms");
        one = GatewayFixture.startWith("", MODELS, shared, GatewayFixture.ADMIN_KEY);
        two = GatewayFixture.startWith("", MODELS, shared, GatewayFixture.ADMIN_KEY);
        // Nothing listens on port 1: every Redis call fails at once.
        unreachable =
                GatewayFixture.startWith("", MODELS, sections("redis://127.0.0.1:1", "50ms"), GatewayFixture.ADMIN_KEY);
    }

    private static String sections(String url, String timeout) {
        return GatewayFixture.SINGLE_ATTEMPT + "cache:\n  keyPrefix: \"" + PREFIX + "\"\n  redisTimeout: " + timeout
                + "\nredis:\n  url: " + url + "\n";
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayFixture g : new GatewayFixture[] {one, two, unreachable}) {
            if (g != null) {
                g.close();
            }
        }
        if (redis != null) {
            for (String key : ourKeys()) {
                redis.send(Request.cmd(Command.DEL).arg(key)).await(5, TimeUnit.SECONDS);
            }
            redis.close();
        }
        if (vertx != null) {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> ourKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = redis.send(
                            Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(PREFIX + "*"))
                    .await(5, TimeUnit.SECONDS);
            cursor = r.get(0).toString();
            r.get(1).forEach(k -> keys.add(k.toString()));
        } while (!cursor.equals("0"));
        return keys;
    }

    private static HttpResponse<String> post(GatewayFixture gateway, String body) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String request() {
        return "{\"model\":\"cached\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"shared "
                + UUID.randomUUID() + "\"}]}";
    }

    private static String cache(HttpResponse<String> r) {
        return r.headers().firstValue("x-meridian-cache").orElse(null);
    }

    @Test
    void answerStoredThroughOneReplica_isAHitOnAnother() throws Exception {
        String body = request();
        HttpResponse<String> first = post(one, body);
        assertThat(cache(first)).as(first.body()).isEqualTo("stored");
        dev.meridian.testkit.Poll.until(
                () -> {
                    try {
                        return !ourKeys().isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                },
                "the answer to reach Redis");
        int calls = two.simulator().received().size();
        HttpResponse<String> second = post(two, body);
        assertThat(cache(second)).isEqualTo("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(two.simulator().received()).hasSize(calls);
        assertThat(cache(post(two, body)))
                .as("now in the second replica's own tier too")
                .isEqualTo("hit");
        Response ttl =
                redis.send(Request.cmd(Command.PTTL).arg(ourKeys().get(0))).await(5, TimeUnit.SECONDS);
        assertThat(ttl.toLong()).isBetween(1L, 600_000L);
    }

    @Test
    void purgeThroughOneReplica_dropsTheOthersLocalCopies() {
        String body = request();
        assertThat(cache(post(one, body))).isEqualTo("stored");
        assertThat(cache(post(two, body))).isEqualTo("hit");
        assertThat(cache(post(one, body))).isEqualTo("hit");

        AdminClient.Answer purged = new AdminClient(two, GatewayFixture.ADMIN_KEY).delete("/cache?model=cached");
        assertThat(purged.status()).as(purged.toString()).isEqualTo(200);
        // Until the purge's message arrives, the other replica answers from its own tier; then it is a miss (Redis was
        // purged too) and stores the answer again.
        dev.meridian.testkit.Poll.until(
                () -> "stored".equals(cache(post(one, body))), "the other replica to drop its local copy");
        assertThat(cache(post(two, body))).as("found again in Redis").isEqualTo("hit");
    }

    @Test
    void unreadableAnswerInRedis_isAMiss_neverAnError() throws Exception {
        String body = request();
        assertThat(cache(post(one, body))).isEqualTo("stored");
        dev.meridian.testkit.Poll.until(
                () -> {
                    try {
                        return !ourKeys().isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                },
                "the answer to reach Redis");
        // What another version might have written: this version's header, a body that is not an answer.
        for (String key : ourKeys()) {
            Response value = redis.send(Request.cmd(Command.GET).arg(key)).await(5, TimeUnit.SECONDS);
            byte[] bytes = value.toBytes();
            int bodyStart = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("{\"");
            assertThat(bodyStart).isPositive();
            byte[] broken = java.util.Arrays.copyOf(bytes, bodyStart + 7);
            System.arraycopy("garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, broken, bodyStart, 7);
            // KEEPTTL: the other tests' keys are rewritten too, and answerStoredThroughOneReplica_isAHitOnAnother reads
            // the expiry of whichever key it finds first.
            redis.send(Request.cmd(Command.SET)
                            .arg(key)
                            .arg(io.vertx.core.buffer.Buffer.buffer(broken))
                            .arg("KEEPTTL"))
                    .await(5, TimeUnit.SECONDS);
        }
        HttpResponse<String> served = post(two, body);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(cache(served)).isEqualTo("stored");
    }

    @Test
    void redisUnreachable_requestsAreServed_andTheFailuresCounted() {
        String body = request();
        HttpResponse<String> first = post(unreachable, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(cache(first)).isEqualTo("stored");
        assertThat(cache(post(unreachable, body)))
                .as("the local tier still serves")
                .isEqualTo("hit");
        HttpResponse<String> other = post(unreachable, request());
        assertThat(other.statusCode()).isEqualTo(200);
        dev.meridian.testkit.Poll.until(
                () -> failures(unreachable, "get") >= 2 && failures(unreachable, "set") >= 2,
                "the Redis failures to be counted");
    }

    @Test
    void purgeThatCannotReachRedis_fails_andIsAuditedWithWhy() {
        AdminClient admin = new AdminClient(unreachable, GatewayFixture.ADMIN_KEY);
        AdminClient.Answer purged = admin.delete("/cache?model=cached");
        assertThat(purged.status()).as(purged.toString()).isEqualTo(500);
        com.fasterxml.jackson.databind.JsonNode entry =
                admin.get("/audit?limit=1").json().path("data").path(0);
        assertThat(entry.path("action").asText()).isEqualTo("cache.purge");
        assertThat(entry.path("actor").asText()).isEqualTo("admin-key");
        assertThat(entry.path("target_id").asText()).isEqualTo("cached");
        assertThat(entry.path("after").path("removed").isNull())
                .as("how many is unknown: Redis was not purged")
                .isTrue();
        assertThat(entry.path("after").path("error").asText()).contains("shared tier (Redis) could not be");
    }

    private static double failures(GatewayFixture gateway, String operation) {
        Matcher m = Pattern.compile(
                        "meridian_cache_redis_failures_total\\{operation=\"" + operation + "\"[^}]*} ([0-9.E]+)")
                .matcher(gateway.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
