package dev.meridian.core.model;

/** The kinds of request the gateway serves, whatever the front door they came through. */
public enum Operation {
    CHAT("chat"),
    EMBEDDINGS("embeddings"),
    /** Counting a chat request's input tokens; nothing is generated. */
    COUNT_TOKENS("count_tokens");

    private final String metricName;

    Operation(String metricName) {
        this.metricName = metricName;
    }

    /** The label used for this operation in metrics and logs. */
    public String metricName() {
        return metricName;
    }
}
