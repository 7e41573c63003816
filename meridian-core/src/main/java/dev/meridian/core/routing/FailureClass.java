package dev.meridian.core.routing;

import dev.meridian.core.error.GatewayException;
import java.util.Optional;

/**
 * What kind of failure an attempt ended in, for the router: whether another deployment of the same group
 * may succeed (retry), which fallback chain applies, and whether it says the deployment is in trouble
 * (circuit breaker). Failures of the request itself (a bad parameter) have no class: they go back to the
 * caller as they are.
 */
public enum FailureClass {
    /** 429 from the provider. Retryable; the deployment backs off for the provider's Retry-After. */
    RATE_LIMIT("rateLimit", true, true, false),
    /**
     * 5xx, connection refused or reset, an unreadable answer, or the provider rejecting this deployment's
     * credentials (another deployment has others). Retryable; counts against the deployment.
     */
    SERVER_ERROR("serverError", true, true, true),
    /** No answer within the attempt's time. Retryable; counts against the deployment. */
    TIMEOUT("timeout", true, true, true),
    /**
     * The provider answered 404: another deployment may map the model differently, but the deployment answered, so
     * it is up. Retryable on deployments not tried yet (the same one would answer the same); never counts against
     * the deployment (a caller naming what does not exist must not open the circuit for everyone).
     */
    NOT_FOUND("notFound", true, false, false),
    /** The prompt does not fit the model: no deployment of the group can help, a larger-context group may. */
    CONTEXT_WINDOW("contextWindow", false, false, false),
    /** The provider's content policy refused: another model's policy may not. */
    CONTENT_POLICY("contentPolicy", false, false, false);

    private final String configName;
    private final boolean retryable;
    private final boolean repeatable;
    private final boolean deploymentFault;

    FailureClass(String configName, boolean retryable, boolean repeatable, boolean deploymentFault) {
        this.configName = configName;
        this.retryable = retryable;
        this.repeatable = repeatable;
        this.deploymentFault = deploymentFault;
    }

    /** The key naming this class in a group's {@code fallbacks}. */
    public String configName() {
        return configName;
    }

    /** Whether another deployment of the same group may answer where this one failed. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the same deployment, asked again, may answer where it failed (else only another may). */
    public boolean repeatable() {
        return repeatable;
    }

    /** Whether the failure counts against the deployment's circuit breaker. */
    public boolean deploymentFault() {
        return deploymentFault;
    }

    public static Optional<FailureClass> ofConfigName(String name) {
        for (FailureClass c : values()) {
            if (c.configName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The class of a failed attempt, or empty for failures that are the request's own. */
    public static Optional<FailureClass> of(GatewayException e) {
        return Optional.ofNullable(
                switch (e.code()) {
                    case RATE_LIMITED -> RATE_LIMIT;
                    case UPSTREAM_ERROR, UPSTREAM_CONFIGURATION -> SERVER_ERROR;
                    case UPSTREAM_TIMEOUT -> TIMEOUT;
                    case UPSTREAM_NOT_FOUND -> NOT_FOUND;
                    case CONTEXT_LENGTH_EXCEEDED -> CONTEXT_WINDOW;
                    case CONTENT_POLICY -> CONTENT_POLICY;
                    default -> null;
                });
    }
}
