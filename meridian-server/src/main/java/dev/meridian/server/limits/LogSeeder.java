package dev.meridian.server.limits;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.Money;
import dev.meridian.store.Database;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads a window's spend or tokens so far from the request log. Blocking; waits up to 5 s for the database. */
public final class LogSeeder implements Seeder {

    private final Future<Database> database;

    public LogSeeder(Future<Database> database) {
        this.database = database;
    }

    @Override
    public long spentSince(Meter.Seed seed, BudgetPeriod.Window window) {
        Database db = open();
        Instant to = Instant.now().plusMillis(1);
        if (seed.unit() == Meter.Unit.TOKENS) {
            return db.budgets().tokens(seed.tenantId(), seed.scope(), seed.scopeId(), window.start(), to);
        }
        return Money.roundNanos(db.budgets().spend(seed.tenantId(), seed.scope(), seed.scopeId(), window.start(), to));
    }

    private Database open() {
        try {
            return database.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the database is not open", e);
        }
    }
}
