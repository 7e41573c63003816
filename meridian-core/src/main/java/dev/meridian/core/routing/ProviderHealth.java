package dev.meridian.core.routing;

/**
 * What the gateway knows about one provider endpoint's health: healthy until {@code unhealthyThreshold} active
 * checks in a row fail, healthy again after {@code healthyThreshold} in a row succeed, or at once when a real
 * request succeeds (passive evidence, {@link #requestSucceeded}). Every deployment on the provider shares it.
 * Written by the single health-check loop and, rarely, by the event loop of a request that succeeded while the
 * provider was unhealthy; read by every event loop.
 */
public final class ProviderHealth {

    private final String provider;
    private final int unhealthyThreshold;
    private final int healthyThreshold;
    private volatile boolean healthy = true;
    private volatile String lastError;
    private volatile long lastCheckEpochMillis;
    private volatile boolean credentialsRefused;
    private int failuresInRow;
    private int successesInRow;

    public ProviderHealth(String provider, int unhealthyThreshold, int healthyThreshold) {
        this.provider = provider;
        this.unhealthyThreshold = unhealthyThreshold;
        this.healthyThreshold = healthyThreshold;
    }

    public String provider() {
        return provider;
    }

    public boolean healthy() {
        return healthy;
    }

    public String lastError() {
        return lastError;
    }

    public long lastCheckEpochMillis() {
        return lastCheckEpochMillis;
    }

    /** Whether the last check that reached the provider had its credentials refused (401 or 403). */
    public boolean credentialsRefused() {
        return credentialsRefused;
    }

    /**
     * Records whether a check that reached the provider had its credentials refused.
     *
     * @return true when this changed what is known
     */
    public boolean recordCredentials(boolean refused) {
        boolean changed = credentialsRefused != refused;
        credentialsRefused = refused;
        return changed;
    }

    /**
     * A real request to the provider succeeded: it is healthy now, and the next {@code unhealthyThreshold}
     * checks must fail in a row to mark it unhealthy again. Costs one volatile read while it is healthy.
     *
     * @return true when this cleared an unhealthy mark
     */
    public boolean requestSucceeded() {
        if (healthy) {
            return false;
        }
        synchronized (this) {
            if (healthy) {
                return false;
            }
            healthy = true;
            failuresInRow = 0;
            successesInRow = 0;
            return true;
        }
    }

    /**
     * Records one check's outcome.
     *
     * @param error null when the check passed, else what went wrong
     * @return true when this check changed the provider's health
     */
    public synchronized boolean record(String error, long epochMillis) {
        lastCheckEpochMillis = epochMillis;
        lastError = error;
        if (error == null) {
            failuresInRow = 0;
            successesInRow++;
            if (!healthy && successesInRow >= healthyThreshold) {
                healthy = true;
                return true;
            }
        } else {
            successesInRow = 0;
            failuresInRow++;
            if (healthy && failuresInRow >= unhealthyThreshold) {
                healthy = false;
                return true;
            }
        }
        return false;
    }
}
