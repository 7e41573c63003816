package dev.meridian.store.repo;

/** A plan cannot be deleted while tenants are on it. */
public final class PlanInUseException extends StoreException {
    private final long tenants;

    public PlanInUseException(String plan, long tenants) {
        super("plan " + plan + " is the plan of " + tenants + " tenant(s)", null);
        this.tenants = tenants;
    }

    /** How many tenants are on the plan. */
    public long tenants() {
        return tenants;
    }
}
