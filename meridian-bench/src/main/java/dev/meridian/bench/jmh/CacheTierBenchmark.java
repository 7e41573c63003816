package dev.meridian.bench.jmh;

import dev.meridian.core.model.Usage;
import dev.meridian.server.cache.CacheKey;
import dev.meridian.server.cache.CachedAnswer;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.config.RedisConfig;
import dev.meridian.server.config.ResponseCacheConfig;
import dev.meridian.server.redis.RedisClients;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.crypto.MasterKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the shared tier adds to a hit (issue 12, item 8): a lookup of a stored 2 KB answer found in the in-process
 * tier ({@code local}), against one the in-process tier cannot hold ({@code redis}: its bound is one byte, so every
 * lookup is a GET to the Redis on 127.0.0.1:6379, the answer's header read and the copy offered to the local tier).
 * {@code redis-sealed} is {@code redis} with a master key, so every entry is sealed when stored and opened when
 * read (AES-256-GCM). The Redis keys live under a prefix of the run's own and are deleted at the end. Needs that
 * Redis.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CacheTierBenchmark {

    @Param({"local", "redis", "redis-sealed"})
    public String tier;

    private Vertx vertx;
    private ResponseCache cache;
    private CacheKey key;

    @Setup(Level.Trial)
    public void setUp() {
        vertx = Vertx.vertx();
        long bound = tier.equals("local") ? 64L << 20 : 1;
        cache = new ResponseCache(
                new ResponseCacheConfig(bound, 1, Duration.ofMillis(500), "meridian-bench:" + UUID.randomUUID() + ":"),
                Map.of(),
                new SimpleMeterRegistry(),
                System::currentTimeMillis);
        KeyRing keys = tier.equals("redis-sealed")
                ? KeyRing.of(MasterKey.parse("bench", Base64.getEncoder().encodeToString(new byte[32])), List.of())
                : KeyRing.none();
        cache.start(vertx, RedisClients.connect(vertx, new RedisConfig("redis://127.0.0.1:6379", null, null)), keys);
        key = CacheKey.of("tenant-bench", "key", false, "bench-cached", "f".repeat(64));
        byte[] body = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"content\":\"" + "x".repeat(1990)
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        cache.store(new CachedAnswer(key, body, now, now + 3_600_000, 0.01, new Usage(480, 420, 0, 0, 0)));
        if (lookup() == null) {
            throw new IllegalStateException("the stored answer is not found: is Redis on 127.0.0.1:6379 up?");
        }
    }

    @Benchmark
    public CachedAnswer lookup() {
        try {
            return cache.lookup(key, -1).await(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        cache.purge(null, null).await(10, TimeUnit.SECONDS);
        cache.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
