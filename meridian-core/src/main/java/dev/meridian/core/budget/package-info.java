/**
 * The arithmetic of budgets: calendar periods in a time zone ({@link dev.meridian.core.budget.BudgetPeriod}),
 * amounts in whole nano-dollars ({@link dev.meridian.core.budget.Money}) and one budget's exact spend and
 * reservations ({@link dev.meridian.core.budget.SpendCounter}).
 *
 * <p>Pure: no I/O, no Vert.x. Values are immutable; {@code SpendCounter} is thread-safe. Arguments are non-null
 * unless a method says otherwise.
 */
package dev.meridian.core.budget;
