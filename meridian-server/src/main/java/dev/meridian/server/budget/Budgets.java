package dev.meridian.server.budget;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.Money;
import dev.meridian.core.budget.SpendCounter;
import dev.meridian.server.attempt.AttemptHook;
import dev.meridian.server.pipeline.GroupDowngrade;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.store.Database;
import dev.meridian.store.model.Budget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's budgets, in-process: loaded from the database once it is open (each budget's spend in its current
 * period read from the request log, so a restart loses no money), enforced by {@link #hook()} and
 * {@link #downgrade()}, read and changed by the admin API through {@link BudgetLedger}. Thread-safe; one per gateway.
 */
public final class Budgets implements BudgetLedger {

    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);
    private static final long RETRY_MILLIS = 2_000;

    private final Clock clock;
    private final BudgetBook book;
    private final Promise<Void> loaded = Promise.promise();
    private final BudgetHook hook;
    private final BudgetDowngrade downgrade;
    private volatile Database db;

    public Budgets(RouteTable routes, Clock clock) {
        this(routes, clock, ThresholdListener.NONE);
    }

    /** @param thresholds told when a budget's spend crosses one of its alert fractions */
    public Budgets(RouteTable routes, Clock clock, ThresholdListener thresholds) {
        this.clock = clock;
        this.book = new BudgetBook(clock);
        this.hook = new BudgetHook(book, loaded.future(), clock, thresholds);
        this.downgrade = new BudgetDowngrade(book, loaded.future(), routes, clock);
    }

    /** Loads the budgets once {@code database} is open, retrying every two seconds while it cannot. */
    public void start(Vertx vertx, Future<Database> database) {
        database.onSuccess(opened -> {
            db = opened;
            load(vertx);
        });
    }

    private void load(Vertx vertx) {
        vertx.executeBlocking(
                        () -> {
                            book.loadAll(db.budgets());
                            return null;
                        },
                        false)
                .onSuccess(v -> loaded.tryComplete())
                .onFailure(e -> {
                    LOG.warn("budgets could not be loaded, retrying in {} ms: {}", RETRY_MILLIS, e.toString());
                    vertx.setTimer(RETRY_MILLIS, id -> load(vertx));
                });
    }

    /** Completes once the budgets are loaded and enforced. */
    public Future<Void> loaded() {
        return loaded.future();
    }

    /** Reserves and settles every call's cost; register it in the gateway's attempt hooks. */
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

    @Override
    public Spend spend(Budget budget) {
        BudgetBook.Live live = book.get(budget.id());
        if (live != null && live.budget().equals(budget)) {
            return spend(live.counter().snapshot(clock.millis()));
        }
        return fromLog(budget, db, clock);
    }

    @Override
    public void changed(Budget budget) {
        book.put(budget);
    }

    @Override
    public void removed(String budgetId) {
        book.remove(budgetId);
    }

    private static Spend spend(SpendCounter.Snapshot s) {
        return new Spend(
                Money.usd(s.spent()),
                Money.usd(s.reserved()),
                Money.usd(s.remaining()),
                s.window().start(),
                s.window().end());
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
