package dev.meridian.server.config;

/**
 * What the admin API reaches of the running configuration: its {@link ReloadStatus}, and the model groups set
 * through the API ({@link ModelOverlays}), which exist only for a gateway started from a file. Thread-safe.
 */
public final class ConfigControl {

    private final ReloadStatus status;
    private volatile ModelOverlays models;

    public ConfigControl(ReloadStatus status) {
        this.status = status;
    }

    public ReloadStatus status() {
        return status;
    }

    /** The API's model groups, or null when the gateway did not start from a file (nothing to lay them over). */
    public ModelOverlays models() {
        return models;
    }

    public void models(ModelOverlays models) {
        this.models = models;
    }
}
