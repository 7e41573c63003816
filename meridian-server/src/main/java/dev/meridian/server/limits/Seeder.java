package dev.meridian.server.limits;

import dev.meridian.core.budget.BudgetPeriod;

/**
 * Reads what a window already spent from the request log, the durable record of spend: used when no counter holds
 * the window (at start, in a new window, after Redis lost its keys). Blocking: called on worker threads.
 */
@FunctionalInterface
public interface Seeder {

    /** The spend (nano-dollars) or tokens of {@code seed}'s scope from the window's start until now. */
    long spentSince(Meter.Seed seed, BudgetPeriod.Window window);

    /** Nothing spent before: for tests and a gateway without a database. */
    Seeder NONE = (seed, window) -> 0;
}
