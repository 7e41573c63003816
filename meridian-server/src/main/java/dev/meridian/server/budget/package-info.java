/**
 * Budgets enforced in-process: the budgets of every tenant with their spend counters ({@code BudgetBook}), the
 * attempt hook that reserves each call's maximum possible cost and settles it to the real cost
 * ({@code BudgetHook}), the downgrade decision made before routing ({@code BudgetDowngrade}), and what the admin
 * API reads and tells ({@link dev.meridian.server.budget.BudgetLedger}). A shared (Redis) store plugs in behind
 * the same counters later.
 */
package dev.meridian.server.budget;
