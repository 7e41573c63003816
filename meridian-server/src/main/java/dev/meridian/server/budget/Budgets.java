package dev.meridian.server.budget;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.Money;
import dev.meridian.server.attempt.AttemptHook;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.pipeline.GroupDowngrade;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.store.Database;
import dev.meridian.store.model.Budget;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's budgets, plan quotas and rate limits: budgets loaded from the database once it is open, counted in
 * a {@link LimitStore} (this process, or Redis shared by the replicas; each window's spend so far read from the
 * request log, so a restart loses no money), enforced by {@link #hook()} and {@link #downgrade()}, read and changed
 * by the admin API through {@link BudgetLedger}. Thread-safe; one per gateway.
 */
public final class Budgets implements BudgetLedger {

    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);
    private static final long RETRY_MILLIS = 2_000;

    private final Clock clock;
    private final BudgetBook book;
    private final Promise<Void> loaded = Promise.promise();
    private final StoreRef store = new StoreRef();
    private final LimitHook hook;
    private final BudgetDowngrade downgrade;
    private final ThresholdListener thresholds;
    private final BudgetGauges gauges;
    private volatile Database db;
    private volatile Vertx vertx;
    private volatile boolean changed;
    private final AtomicBoolean reloading = new AtomicBoolean();

    public Budgets(RouteTable routes, Clock clock) {
        this(routes, clock, ThresholdListener.NONE);
    }

    /** @param thresholds told when a budget's spend crosses one of its alert fractions */
    public Budgets(RouteTable routes, Clock clock, ThresholdListener thresholds) {
        this(routes, clock, thresholds, null);
    }

    /**
     * @param thresholds told when a budget's spend crosses one of its alert fractions
     * @param registry   where {@code meridian_budget_used_ratio} is kept, or null for none
     */
    public Budgets(RouteTable routes, Clock clock, ThresholdListener thresholds, MeterRegistry registry) {
        this.clock = clock;
        this.gauges = registry == null ? null : new BudgetGauges(registry, clock);
        this.thresholds = thresholds;
        this.book = new BudgetBook();
        this.hook = new LimitHook(book, loaded.future(), store, this::announce);
        this.downgrade = new BudgetDowngrade(book, loaded.future(), routes, store);
    }

    /**
     * Counts in {@code limits} and loads the budgets once {@code database} is open, retrying every two seconds
     * while it cannot. Calls wait until then.
     */
    public void start(Vertx vertx, Future<Database> database, LimitStore limits) {
        this.vertx = vertx;
        store.set(limits);
        database.onSuccess(opened -> {
            db = opened;
            load();
        });
    }

    /**
     * The store's change version moved (the key store's poll tells, once a second): reloads the budgets, so that a
     * budget created, changed or deleted through another replica is enforced here within about a second. Counters
     * live in the limit store, so a reload keeps every budget's spend and reservations. Changes that arrive while
     * the budgets load or reload are read by one more reload.
     */
    public void storeChanged() {
        changed = true;
        reloadIfChanged();
    }

    private void reloadIfChanged() {
        if (!changed || !loaded.future().succeeded() || reloading.getAndSet(true)) {
            return;
        }
        changed = false;
        vertx.executeBlocking(
                        () -> {
                            book.loadAll(db.budgets());
                            return null;
                        },
                        false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        changed = true; // the database is down: the next change, or this one, retries
                        LOG.warn("budgets could not be reloaded: {}", ar.cause().toString());
                    }
                    reloading.set(false);
                    if (ar.succeeded()) {
                        reloadIfChanged();
                    }
                });
    }

    private void load() {
        vertx.executeBlocking(
                        () -> {
                            changed = false;
                            book.loadAll(db.budgets());
                            return null;
                        },
                        false)
                .onSuccess(v -> {
                    loaded.tryComplete();
                    reloadIfChanged();
                })
                .onFailure(e -> {
                    LOG.warn("budgets could not be loaded, retrying in {} ms: {}", RETRY_MILLIS, e.toString());
                    vertx.setTimer(RETRY_MILLIS, id -> load());
                });
    }

    /** Completes once the budgets are loaded and enforced. */
    public Future<Void> loaded() {
        return loaded.future();
    }

    /** Reserves and settles every call's budgets, quotas and rates; register it in the attempt hooks. */
    public AttemptHook hook() {
        return hook;
    }

    /** Moves requests of a {@code downgrade} budget at its limit to the budget's cheaper group. */
    public GroupDowngrade downgrade() {
        return downgrade;
    }

    /** Calls holding a reservation now: zero whenever no request is running. */
    public int reservationsHeld() {
        return hook.holding();
    }

    /** Tells the listener of every alert fraction a budget's spend passed from {@code before} to {@code after}. */
    private void announce(BudgetBook.Live b, long before, long after) {
        if (gauges != null) {
            gauges.record(b, after);
        }
        long limit = b.meter().limit();
        for (double fraction : b.budget().alertAt()) {
            long threshold = (long) Math.ceil(fraction * limit);
            if (before < threshold && after >= threshold) {
                Instant start = b.meter()
                        .period()
                        .window(clock.instant(), b.meter().zone())
                        .start();
                try {
                    thresholds.crossed(b.budget(), start, fraction, after, limit);
                } catch (RuntimeException e) {
                    LOG.error(
                            "the alert of budget {} at {} could not be raised",
                            b.budget().id(),
                            fraction,
                            e);
                }
            }
        }
    }

    @Override
    public Spend spend(Budget budget) {
        LimitStore limits = store.get();
        if (limits == null || !loaded.future().succeeded()) {
            return fromLog(budget, db, clock);
        }
        BudgetBook.Live live = BudgetBook.live(budget);
        LimitStore.Reading r;
        try {
            r = limits.read(live.meter())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading budget " + budget.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("budget " + budget.id() + " could not be read", e);
        }
        BudgetPeriod.Window w =
                live.meter().period().window(clock.instant(), live.meter().zone());
        return new Spend(Money.usd(r.spent()), Money.usd(r.reserved()), Money.usd(r.remaining()), w.start(), w.end());
    }

    @Override
    public void changed(Budget budget) {
        book.put(budget);
    }

    @Override
    public void removed(String budgetId) {
        book.remove(budgetId);
        if (gauges != null) {
            gauges.removed(budgetId);
        }
    }

    /**
     * A ledger without a running gateway (the command line): spend is what the request log holds, nothing is
     * reserved, and changes have nothing to tell.
     */
    public static BudgetLedger fromLog(Database db, Clock clock) {
        return new BudgetLedger() {
            @Override
            public Spend spend(Budget budget) {
                return fromLog(budget, db, clock);
            }

            @Override
            public void changed(Budget budget) {}

            @Override
            public void removed(String budgetId) {}
        };
    }

    private static Spend fromLog(Budget b, Database db, Clock clock) {
        Instant now = clock.instant();
        BudgetPeriod.Window w = BudgetPeriod.valueOf(b.period()).window(now, ZoneId.of(b.timeZone()));
        double spent = db == null ? 0 : db.budgets().spend(b.tenantId(), b.scope(), b.scopeId(), w.start(), now);
        return new Spend(spent, 0, Math.max(0, b.limitUsd() - spent), w.start(), w.end());
    }
}
