package dev.meridian.core.routing;

/**
 * What active health checks know about one provider endpoint: healthy until {@code unhealthyThreshold}
 * checks in a row fail, healthy again after {@code healthyThreshold} in a row succeed. Every deployment on
 * the provider shares it. Written by the single health-check loop, read by every event loop.
 */
public final class ProviderHealth {

    private final String provider;
    private final int unhealthyThreshold;
    private final int healthyThreshold;
    private volatile boolean healthy = true;
    private volatile String lastError;
    private volatile long lastCheckEpochMillis;
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
