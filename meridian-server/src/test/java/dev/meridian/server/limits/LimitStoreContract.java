package dev.meridian.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.testkit.Poll;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LimitStore} shares; each store's test supplies the store. Amounts are nano-dollars or
 * tokens; each test uses meters of its own.
 */
public abstract class LimitStoreContract {

    protected static final long HOLD = 60_000;

    /** A store whose windows start at the spend {@code seeder} reads. */
    protected abstract LimitStore store(Seeder seeder);

    protected static <T> T get(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the store did not answer: " + e, e);
        }
    }

    protected static Meter window(long limit) {
        String id = "budget:" + UUID.randomUUID();
        return Meter.window(
                id,
                limit,
                BudgetPeriod.DAY,
                ZoneOffset.UTC,
                new Meter.Seed("tenant", BudgetScope.TENANT, id, Meter.Unit.NANO_USD));
    }

    protected static Meter rate(long perMinute) {
        return Meter.rate("rpm:key:" + UUID.randomUUID(), perMinute);
    }

    protected static String call() {
        return "call-" + UUID.randomUUID();
    }

    @Test
    void reserve_allOrNothing_whenOneClaimHasNoRoom_theOthersAreGivenBack() {
        LimitStore store = store(Seeder.NONE);
        Meter roomy = window(1_000);
        Meter tight = window(10);
        Meter rpm = rate(100);

        Verdict v = get(store.reserve(call(), List.of(roomy.claim(500), rpm.claim(1), tight.claim(11)), HOLD));

        assertThat(v.ok()).isFalse();
        assertThat(v.refused()).isEqualTo(2);
        assertThat(get(store.read(roomy)).reserved()).isZero();
        assertThat(get(store.read(rpm)).spent()).isZero();
        assertThat(get(store.read(tight)).reserved()).isZero();
    }

    @Test
    void reserve_200Concurrent_neverPassTheLimit() {
        LimitStore store = store(Seeder.NONE);
        Meter budget = window(1_000);
        List<Future<Verdict>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(store.reserve(call(), List.of(budget.claim(7)), HOLD));
        }
        long ok =
                calls.stream().map(LimitStoreContract::get).filter(Verdict::ok).count();

        assertThat(ok).isEqualTo(1_000 / 7);
        LimitStore.Reading r = get(store.read(budget));
        assertThat(r.reserved()).isEqualTo(ok * 7).isLessThanOrEqualTo(1_000);
    }

    @Test
    void settle_countsTheUse_givesBackTheReservation_andAnswersTheSpendBefore() {
        Meter budget = window(10_000_000_000L);
        LimitStore store = store((seed, w) -> seed.scopeId().equals(budget.id()) ? 3_000_000_000L : 0);
        String call = call();
        List<Meter.Claim> claims = List.of(budget.claim(2_000_000_000L));
        assertThat(get(store.reserve(call, claims, HOLD)).ok()).isTrue();

        long[] before = get(store.settle(call, claims, new long[] {2_500_000_001L}));

        assertThat(before).containsExactly(3_000_000_000L);
        LimitStore.Reading r = get(store.read(budget));
        assertThat(r.spent()).isEqualTo(5_500_000_001L);
        assertThat(r.reserved()).isZero();
    }

    @Test
    void reserve_largeNanoDollarAmounts_stayExact() {
        long limit = 4_503_599_627_370_495L; // 2^52 - 1: about $4.5M in nano-dollars
        LimitStore store = store(Seeder.NONE);
        Meter budget = window(limit);
        String call = call();
        List<Meter.Claim> claims = List.of(budget.claim(limit - 1));
        assertThat(get(store.reserve(call, claims, HOLD)).ok()).isTrue();
        assertThat(get(store.reserve(call(), List.of(budget.claim(2)), HOLD)).ok())
                .isFalse();

        get(store.settle(call, claims, new long[] {limit - 3}));

        assertThat(get(store.read(budget)).spent()).isEqualTo(limit - 3);
        assertThat(get(store.reserve(call(), List.of(budget.claim(3)), HOLD)).ok())
                .isTrue();
    }

    @Test
    void limitOfZero_admitsNothing() {
        LimitStore store = store(Seeder.NONE);

        assertThat(get(store.reserve(call(), List.of(window(0).claim(1)), HOLD)).ok())
                .isFalse();
        Verdict rate = get(store.reserve(call(), List.of(rate(0).claim(1)), HOLD));
        assertThat(rate.ok()).isFalse();
        assertThat(rate.waitMillis()).isPositive();
    }

    @Test
    void rate_emptyBucket_refusesWithAWait_andRefillsContinuously() {
        LimitStore store = store(Seeder.NONE);
        Meter rpm = rate(6_000); // 100 a second: one every 10 ms
        Verdict first = get(store.reserve(call(), List.of(rpm.claim(6_000)), HOLD));
        assertThat(first.ok()).isTrue();
        assertThat(first.rates()).hasSize(1);
        assertThat(first.rates().get(0).remaining()).isLessThan(10);

        Verdict refused = get(store.reserve(call(), List.of(rpm.claim(50)), HOLD));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.waitMillis()).isBetween(1L, 500L);

        Poll.until(
                () -> get(store.reserve(call(), List.of(rpm.claim(50)), HOLD)).ok(),
                Duration.ofSeconds(5),
                "the bucket refills 50 requests");
    }

    @Test
    void rate_claimLargerThanCapacity_takesAFullBucket() {
        LimitStore store = store(Seeder.NONE);
        Meter tpm = rate(1_000);

        assertThat(get(store.reserve(call(), List.of(tpm.claim(5_000)), HOLD)).ok())
                .isTrue();
        assertThat(get(store.reserve(call(), List.of(tpm.claim(100)), HOLD)).ok())
                .isFalse();
    }

    @Test
    void rate_settle_givesBackTheReservation_andTakesTheRealUse() {
        LimitStore store = store(Seeder.NONE);
        Meter tpm = rate(1_000);
        String call = call();
        List<Meter.Claim> claims = List.of(tpm.claim(900));
        assertThat(get(store.reserve(call, claims, HOLD)).ok()).isTrue();

        get(store.settle(call, claims, new long[] {100}));

        assertThat(get(store.read(tpm)).spent()).isBetween(99L, 100L);
        assertThat(get(store.reserve(call(), List.of(tpm.claim(850)), HOLD)).ok())
                .isTrue();
    }
}
