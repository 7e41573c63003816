package dev.meridian.server.pipeline;

/** The inbound APIs the gateway serves. */
public enum Operation {
    CHAT("chat"),
    EMBEDDINGS("embeddings");

    private final String metricName;

    Operation(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
