package dev.meridian.store.model;

/** Lifecycle of a tenant. Only {@link #TRIAL} and {@link #ACTIVE} tenants may make API calls. */
public enum TenantStatus {
    TRIAL,
    ACTIVE,
    SUSPENDED,
    EXPIRED;

    /** Whether callers of a tenant in this state may use the gateway at all. */
    public boolean mayCall() {
        return this == TRIAL || this == ACTIVE;
    }
}
