package dev.meridian.bench.jmh;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.LocalLimits;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Meters;
import dev.meridian.server.limits.RateLimits;
import dev.meridian.server.limits.Seeder;
import dev.meridian.server.limits.Verdict;
import dev.meridian.server.limits.redis.RedisLimits;
import dev.meridian.store.model.BudgetScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call's limit checks (issue 11, item 10): reserve and settle the claims of a typical caller (one budget, the
 * plan's cost and tokens, the key's and tenant's requests per minute, the key's tokens per minute), on the
 * in-process counters ({@code local}: CPU only) and on the Redis at 127.0.0.1:6379 ({@code redis}: the two round
 * trips, awaited one after the other, under a key prefix of its own that is deleted at the end).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LimitStoreBenchmark {

    private static final long BIG = 1L << 50;

    private final AtomicLong calls = new AtomicLong();
    private final long[] used = {1_000_000, 1_000_000, 50, 1, 1, 50};
    private Vertx vertx;
    private Redis redis;
    private String prefix;
    private LimitStore local;
    private LimitStore shared;
    private List<Meter.Claim> claims;

    @Setup
    public void setUp() throws Exception {
        vertx = Vertx.vertx();
        Meter budget = Meter.window(
                "budget:b1",
                BIG,
                BudgetPeriod.MONTH,
                ZoneOffset.UTC,
                new Meter.Seed("t1", BudgetScope.KEY, "k1", Meter.Unit.NANO_USD));
        claims = List.of(
                budget.claim(2_000_000),
                Meters.planCost("t1", BIG).claim(2_000_000),
                Meters.planTokens("t1", BIG).claim(100),
                Meters.keyRequests("k1", BIG).claim(1),
                Meters.tenantRequests("t1", BIG).claim(1),
                Meters.keyTokens("k1", BIG).claim(100));
        local = new LocalLimits(vertx, Seeder.NONE, Clock.systemUTC());
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:6379"));
        prefix = "meridian-bench:" + UUID.randomUUID() + ":";
        shared = new RedisLimits(vertx, redis, prefix, Seeder.NONE, Clock.systemUTC());
        // Seeds the windows; settled at once, so nothing is left held (in Redis: no reservation entry outlives the
        // run).
        await(local.reserve("warm", claims, 60_000));
        await(local.settle("warm", claims, new long[claims.size()]));
        List<Meter.Claim> hook = hookClaims("t1", "k1");
        await(local.reserve("warm-hook", hook, 60_000));
        await(local.settle("warm-hook", hook, new long[hook.size()]));
        await(shared.reserve("warm", claims, 60_000));
        await(shared.settle("warm", claims, new long[claims.size()]));
    }

    @TearDown
    public void tearDown() throws Exception {
        Response keys = await(redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")));
        if (keys.size() > 0) {
            Request del = Request.cmd(Command.DEL);
            keys.forEach(k -> del.arg(k.toString()));
            await(redis.send(del));
        }
        vertx.close();
    }

    @Benchmark
    public long[] local() throws Exception {
        return reserveAndSettle(local);
    }

    /**
     * What the hook does in-process for a caller with every limit (two budgets, the plan's cost and tokens, requests
     * and tokens per minute of key and tenant: eight claims), as it does it per call: builds the meters and claims,
     * reserves, turns the rates into the six {@code x-ratelimit-*} headers, settles.
     */
    @Benchmark
    public int localAsTheHookDoes() throws Exception {
        String call = "h" + calls.incrementAndGet();
        List<Meter.Claim> c = hookClaims("t1", "k1");
        Verdict v = await(local.reserve(call, c, 60_000));
        if (!v.ok()) {
            throw new IllegalStateException("refused: " + v);
        }
        Map<String, String> headers = new HashMap<>(8);
        RateLimits.of(v.rates(), null).headers(headers::put);
        await(local.settle(call, c, HOOK_USED));
        return headers.size();
    }

    private static final long[] HOOK_USED = {1_000_000, 1_000_000, 1_000_000, 50, 1, 1, 50, 50};

    private static List<Meter.Claim> hookClaims(String tenant, String key) {
        List<Meter.Claim> c = new ArrayList<>(8);
        c.add(budget("budget:b-tenant:month:UTC", tenant, BudgetScope.TENANT, tenant)
                .claim(1_000_000));
        c.add(budget("budget:b-key:month:UTC", tenant, BudgetScope.KEY, key).claim(1_000_000));
        c.add(Meters.planCost(tenant, BIG).claim(1_000_000));
        c.add(Meters.planTokens(tenant, BIG).claim(50));
        c.add(Meters.keyRequests(key, BIG).claim(1));
        c.add(Meters.tenantRequests(tenant, BIG).claim(1));
        c.add(Meters.keyTokens(key, BIG).claim(50));
        c.add(Meters.tenantTokens(tenant, BIG).claim(50));
        return c;
    }

    private static Meter budget(String id, String tenant, BudgetScope scope, String scopeId) {
        return Meter.window(
                id,
                BIG,
                BudgetPeriod.MONTH,
                ZoneOffset.UTC,
                new Meter.Seed(tenant, scope, scopeId, Meter.Unit.NANO_USD));
    }

    @Benchmark
    public long[] redis() throws Exception {
        return reserveAndSettle(shared);
    }

    private long[] reserveAndSettle(LimitStore store) throws Exception {
        String call = "c" + calls.incrementAndGet();
        Verdict v = await(store.reserve(call, claims, 60_000));
        if (!v.ok()) {
            throw new IllegalStateException("refused by claim " + v.refused());
        }
        return await(store.settle(call, claims, used));
    }

    private static <T> T await(Future<T> f) throws Exception {
        if (f.isComplete()) {
            if (f.failed()) {
                throw new IllegalStateException(f.cause());
            }
            return f.result();
        }
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
