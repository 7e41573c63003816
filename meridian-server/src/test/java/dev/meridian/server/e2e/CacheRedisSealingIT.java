package dev.meridian.server.e2e;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.server.limits.redis.TestRedis;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The response cache's Redis tier with a master key, against the real Redis on 127.0.0.1:6379: answers are sealed
 * there and bound to their key, replicas with the key share them, and nothing else is served: not an entry in the
 * clear, not one under another key, not one moved to another request's key. Every key this class writes starts with
 * a prefix of its own run, and only those keys are deleted afterwards.
 */
class CacheRedisSealingIT {

    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(ISO_8859_1));

    private static Vertx vertx;
    private static TestRedis redis;
    private static GatewayFixture sealedOne;
    private static GatewayFixture sealedTwo;
    private static GatewayFixture otherKey;
    private static GatewayFixture noKey;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        redis = new TestRedis(vertx);
        String shared = GatewayFixture.SINGLE_ATTEMPT + "cache:\n  keyPrefix: \"" + redis.prefix()
                + "\"\n  redisTimeout: 200ms\nredis:\n  url: " + TestRedis.URL + "\n";
        Map<String, String> key = Map.of("MERIDIAN_MASTER_KEY", KnownSecrets.MASTER_KEY);
        sealedOne = GatewayFixture.startWithEnv(key, CacheRedisIT.MODELS, shared);
        sealedTwo = GatewayFixture.startWithEnv(key, CacheRedisIT.MODELS, shared);
        otherKey = GatewayFixture.startWithEnv(Map.of("MERIDIAN_MASTER_KEY", OTHER_KEY), CacheRedisIT.MODELS, shared);
        noKey = GatewayFixture.startWithEnv(Map.of(), CacheRedisIT.MODELS, shared);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayFixture g : new GatewayFixture[] {sealedOne, sealedTwo, otherKey, noKey}) {
            if (g != null) {
                g.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (vertx != null) {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withAMasterKey_redisHoldsNoAnswerInTheClear_andAReplicaWithTheKeyHits() throws Exception {
        String body = request();

        Stored first = store(sealedOne, body);

        String content = new ObjectMapper()
                .readTree(first.answer().body())
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText();
        assertThat(content).hasSizeGreaterThan(8);
        String raw = new String(value(first.redisKey()), ISO_8859_1);
        assertThat(raw).startsWith("mk1:").doesNotContain(content).doesNotContain("chat.completion");
        HttpResponse<String> second = post(sealedTwo, body);
        assertThat(cache(second)).isEqualTo("hit");
        assertThat(second.body()).isEqualTo(first.answer().body());
    }

    @Test
    void aReplicaUnderAnotherKey_orWithNone_missesSealedAnswers_andCountsThem() {
        String body = request();
        store(sealedOne, body);
        double otherBefore = failures(otherKey, "open");
        double noKeyBefore = failures(noKey, "open");

        HttpResponse<String> other = post(otherKey, body);

        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(cache(other)).isEqualTo("stored");
        assertThat(failures(otherKey, "open")).isGreaterThan(otherBefore);
        // Whichever of the two sealed entries it finds, a replica without a key cannot read it.
        HttpResponse<String> none = post(noKey, body);
        assertThat(cache(none)).isEqualTo("stored");
        assertThat(failures(noKey, "open")).isGreaterThan(noKeyBefore);
    }

    @Test
    void withAMasterKey_anAnswerInTheClear_isNotServed() {
        String body = request();
        Stored clear = store(noKey, body);
        assertThat(new String(value(clear.redisKey()), ISO_8859_1)).contains("chat.completion");
        double before = failures(sealedOne, "open");

        HttpResponse<String> sealed = post(sealedOne, body);

        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        assertThat(cache(sealed))
                .as("an entry anyone with access to Redis could have written")
                .isEqualTo("stored");
        assertThat(failures(sealedOne, "open")).isGreaterThan(before);
    }

    @Test
    void aSealedAnswerCopiedToAnotherRequestsKey_doesNotOpen() {
        String askedFirst = request();
        String askedSecond = request();
        String firstKey = store(sealedOne, askedFirst).redisKey();
        String secondKey = store(sealedOne, askedSecond).redisKey();
        redis.send(Request.cmd(Command.SET)
                .arg(secondKey)
                .arg(Buffer.buffer(value(firstKey)))
                .arg("KEEPTTL"));
        double before = failures(sealedTwo, "open");

        HttpResponse<String> second = post(sealedTwo, askedSecond);

        assertThat(cache(second))
                .as("the first request's answer must not answer the second")
                .isEqualTo("stored");
        assertThat(failures(sealedTwo, "open")).isGreaterThan(before);
        assertThat(cache(post(sealedTwo, askedFirst))).isEqualTo("hit");
    }

    /** An answer a replica stored, and the Redis key it appeared under. */
    private record Stored(HttpResponse<String> answer, String redisKey) {}

    /** Asks {@code gateway} something new, which it stores, and waits for the answer to reach Redis. */
    private static Stored store(GatewayFixture gateway, String body) {
        Set<String> before = new HashSet<>(redis.keys());
        HttpResponse<String> answer = post(gateway, body);
        assertThat(cache(answer)).as(answer.body()).isEqualTo("stored");
        List<String> added = new ArrayList<>();
        Poll.until(
                () -> {
                    added.clear();
                    redis.keys().stream().filter(k -> !before.contains(k)).forEach(added::add);
                    return added.size() == 1;
                },
                "the answer to reach Redis");
        return new Stored(answer, added.get(0));
    }

    private static byte[] value(String key) {
        return redis.send(Request.cmd(Command.GET).arg(key)).toBytes();
    }

    private static HttpResponse<String> post(GatewayFixture gateway, String body) {
        return gateway.post("/v1/chat/completions", body);
    }

    private static String request() {
        return "{\"model\":\"cached\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"sealed "
                + java.util.UUID.randomUUID() + "\"}]}";
    }

    private static String cache(HttpResponse<String> r) {
        return r.headers().firstValue("x-meridian-cache").orElse("");
    }

    private static double failures(GatewayFixture gateway, String operation) {
        Matcher m = Pattern.compile(
                        "meridian_cache_redis_failures_total\\{operation=\"" + operation + "\"[^}]*} ([0-9.E]+)")
                .matcher(gateway.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
