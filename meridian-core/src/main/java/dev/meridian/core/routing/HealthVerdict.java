package dev.meridian.core.routing;

/**
 * What one active health check's HTTP status says about a provider. A check asks whether the server is
 * reachable and answering, not whether the probed resource exists: many OpenAI-compatible servers, proxies and
 * Azure set-ups have no model list and answer it 404 or 405 while serving every request. A check that got no
 * status at all (connection failure, timeout) is a {@link #FAIL}; the caller decides that without this table.
 */
public enum HealthVerdict {
    /** Reachable and answering: 2xx, 429 (busy), 404 and 405 (no such resource; the server is up). */
    PASS,
    /**
     * Reachable, but the credentials were refused (401, 403). Not a failure: a key may lack the right to list
     * models yet be allowed to chat, and real requests that are refused open the circuit breaker anyway.
     */
    CREDENTIALS_REFUSED,
    /** 5xx, and any other status (a redirect, 400): the server does not answer as an API should. */
    FAIL;

    /** The verdict for a check answered with {@code status}. */
    public static HealthVerdict ofStatus(int status) {
        if (status / 100 == 2 || status == 404 || status == 405 || status == 429) {
            return PASS;
        }
        if (status == 401 || status == 403) {
            return CREDENTIALS_REFUSED;
        }
        return FAIL;
    }

    /** Whether the check counts as passed for the provider's health. */
    public boolean reachable() {
        return this != FAIL;
    }
}
