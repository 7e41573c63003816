package dev.meridian.server.budget;

import dev.meridian.store.model.Budget;
import java.time.Instant;

/**
 * What the admin API reads of a budget's money, and how it tells enforcement that budgets changed. Blocking (may
 * read the database): call from worker threads. Thread-safe.
 */
public interface BudgetLedger {

    /**
     * A budget's money in its current period.
     *
     * @param periodEnd null for a {@code total} budget
     */
    record Spend(double spentUsd, double reservedUsd, double remainingUsd, Instant periodStart, Instant periodEnd) {}

    /** The budget's spend, reservations and period now. */
    Spend spend(Budget budget);

    /** A budget was created or changed: enforce it from now on (its spend in the period is read from the log). */
    void changed(Budget budget);

    /** A budget was deleted: stop enforcing it. */
    void removed(String budgetId);
}
