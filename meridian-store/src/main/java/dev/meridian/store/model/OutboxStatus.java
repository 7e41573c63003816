package dev.meridian.store.model;

/** The states an outbox listing filters on. */
public enum OutboxStatus {
    /** Not delivered yet, whether or not an attempt failed. */
    PENDING,
    /** Delivered. */
    DELIVERED,
    /** Not delivered, and at least one attempt failed: the pending entries that need an operator's eye. */
    FAILING
}
