package dev.meridian.store.model;

/** What a user may do inside their tenant. See {@link Role#permissions()} for who holds which. */
public enum Permission {
    API_CALL,
    MANAGE_TENANT,
    MANAGE_USERS,
    MANAGE_KEYS,
    MANAGE_BILLING,
    VIEW_USAGE,
    VIEW_LOGS,
    VIEW_AUDIT
}
