package dev.meridian.store.model;

/** What a budget limits: a whole tenant, one of its teams, users or caller keys. */
public enum BudgetScope {
    TENANT,
    TEAM,
    USER,
    KEY
}
