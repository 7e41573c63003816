package dev.meridian.store.model;

import java.time.Duration;

/**
 * How long a tenant's request-log rows and stored bodies are kept. Either may be null: then the gateway's
 * configured default applies ({@code storage.requestLog.retention} and {@code bodyRetention}).
 *
 * @param requestLog how long request-log rows are kept, or null for the default
 * @param bodies how long stored prompts and completions are kept, or null for the default
 */
public record TenantRetention(Duration requestLog, Duration bodies) {

    /** Both follow the gateway's defaults. */
    public static final TenantRetention DEFAULT = new TenantRetention(null, null);

    /** The rows' retention in force: this tenant's own, else {@code fallback}. */
    public Duration requestLogOr(Duration fallback) {
        return requestLog != null ? requestLog : fallback;
    }

    /**
     * The bodies' retention in force: this tenant's own, else {@code fallback}; never longer than the rows'
     * retention in force, since a body without its row is never read.
     */
    public Duration bodiesOr(Duration fallback, Duration rowsInForce) {
        Duration b = bodies != null ? bodies : fallback;
        return b.compareTo(rowsInForce) > 0 ? rowsInForce : b;
    }
}
