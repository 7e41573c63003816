package dev.meridian.core.error;

/**
 * Every way a request can fail, each with its HTTP status and the OpenAI error {@code type} and
 * {@code code} it is rendered with. Other protocols map these in their own error encoders.
 */
public enum ErrorCode {
    INVALID_JSON(400, "invalid_request_error", "invalid_json"),
    INVALID_ENCODING(400, "invalid_request_error", "invalid_encoding"),
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request"),
    UNSUPPORTED_PARAMETER(400, "invalid_request_error", "unsupported_parameter"),
    UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error", "unsupported_media_type"),
    INVALID_API_KEY(401, "invalid_request_error", "invalid_api_key"),
    /** The key's tenant is suspended, or its trial or subscription has ended. */
    TENANT_INACTIVE(403, "permission_error", "tenant_inactive"),
    /** The caller lacks the permission for an admin action, or the resource belongs to another tenant. */
    PERMISSION_DENIED(403, "permission_error", "permission_denied"),
    /** The model exists but the tenant's plan does not include it. */
    MODEL_NOT_ALLOWED(403, "permission_error", "model_not_allowed"),
    /** A key not seen before could not be checked because the key store is unreachable. */
    KEY_STORE_UNAVAILABLE(503, "server_error", "key_store_unavailable"),
    /** An admin action could not be carried out because the database is busy (locked) or unreachable. */
    DATABASE_UNAVAILABLE(503, "server_error", "database_unavailable"),
    MODEL_NOT_FOUND(404, "invalid_request_error", "model_not_found"),
    NOT_FOUND(404, "invalid_request_error", "not_found"),
    /** An admin deletion of a plan that tenants are still on. */
    PLAN_IN_USE(409, "invalid_request_error", "plan_in_use"),
    /** A secret was to be stored encrypted and no master key ({@code MERIDIAN_MASTER_KEY}) is set. */
    MASTER_KEY_REQUIRED(409, "invalid_request_error", "master_key_required"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed"),
    REQUEST_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    /** The HTTP request itself is malformed (bad request line, bad header syntax). */
    INVALID_HTTP(400, "invalid_request_error", "invalid_http_request"),
    URI_TOO_LONG(414, "invalid_request_error", "uri_too_long"),
    /**
     * The caller was too slow: its request headers did not arrive in time, or its body stopped arriving. The
     * connection is closed after the answer.
     */
    REQUEST_TIMEOUT(408, "invalid_request_error", "request_timeout"),
    HEADERS_TOO_LARGE(431, "invalid_request_error", "request_header_fields_too_large"),
    /** The provider refused the request as invalid; rendered with the provider's status (400, 413, 422...). */
    UPSTREAM_INVALID_REQUEST(400, "invalid_request_error", "upstream_invalid_request"),
    /**
     * The provider refused the request because the prompt (with the requested output) does not fit the model's
     * context window. Another model with a larger window may accept it. Rendered with the provider's status and
     * message, like {@link #UPSTREAM_INVALID_REQUEST}.
     */
    CONTEXT_LENGTH_EXCEEDED(400, "invalid_request_error", "context_length_exceeded"),
    /**
     * The provider's content policy (safety system, content filter) blocked the request. Another provider's policy
     * may differ. Rendered with the provider's status and message, like {@link #UPSTREAM_INVALID_REQUEST}.
     */
    CONTENT_POLICY(400, "invalid_request_error", "content_policy_violation"),
    RATE_LIMITED(429, "rate_limit_error", "rate_limit_exceeded"),
    /** A budget of the caller's tenant, team, user or key has no room for the request's maximum possible cost. */
    BUDGET_EXCEEDED(429, "insufficient_quota", "budget_exceeded"),
    /** The tenant's plan has used its monthly tokens or its monthly cost limit. */
    QUOTA_EXCEEDED(429, "insufficient_quota", "quota_exceeded"),
    /** The provider failed (5xx, connection refused or reset, unreadable answer). */
    UPSTREAM_ERROR(502, "upstream_error", "upstream_error"),
    /** The provider rejected the gateway's own credentials (its 401, 403). */
    UPSTREAM_CONFIGURATION(502, "upstream_error", "upstream_configuration_error"),
    /**
     * The provider answered 404: it knows neither the configured model nor something the request names (a file, a
     * stored response). Either way the deployment is up, so it never counts against its circuit.
     */
    UPSTREAM_NOT_FOUND(404, "invalid_request_error", "upstream_not_found"),
    UPSTREAM_TIMEOUT(504, "timeout_error", "upstream_timeout"),
    SHUTTING_DOWN(503, "server_error", "shutting_down"),
    /** The gateway is at its in-flight and queue limits and sheds the request (503 or 429, with Retry-After). */
    OVERLOADED(503, "server_error", "gateway_overloaded"),
    /** Every deployment that could serve the model is failing, unhealthy or backing off. */
    NO_AVAILABLE_DEPLOYMENT(503, "server_error", "no_available_deployment"),
    /** The request's data-residency rule allows none of the model's deployments. */
    RESIDENCY_VIOLATION(403, "permission_error", "residency_violation"),
    /** The request holds personal data or secrets of a class its tenant's PII policy blocks (named, never shown). */
    PII_BLOCKED(400, "invalid_request_error", "pii_blocked"),
    /**
     * The caller closed its connection before its answer was complete. Never written (nobody is there to read it):
     * it is what the request log, the access log and the metrics say, with nginx's status 499.
     */
    CLIENT_CLOSED(499, "invalid_request_error", "client_closed"),
    INTERNAL(500, "server_error", "internal_error");

    private final int status;
    private final String openAiType;
    private final String openAiCode;

    ErrorCode(int status, String openAiType, String openAiCode) {
        this.status = status;
        this.openAiType = openAiType;
        this.openAiCode = openAiCode;
    }

    public int status() {
        return status;
    }

    public String openAiType() {
        return openAiType;
    }

    public String openAiCode() {
        return openAiCode;
    }
}
