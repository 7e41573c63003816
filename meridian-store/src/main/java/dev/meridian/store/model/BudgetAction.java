package dev.meridian.store.model;

/** What happens to a request that a budget has no room for. */
public enum BudgetAction {
    /** Refused with 429 {@code budget_exceeded}. */
    REJECT,
    /** Served through the budget's cheaper model group instead, if that fits. */
    DOWNGRADE
}
