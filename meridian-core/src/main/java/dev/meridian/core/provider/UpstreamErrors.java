package dev.meridian.core.provider;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;

/**
 * The one mapping from a provider's HTTP failure to the gateway's error, shared by every adapter once it
 * has read the provider's own error body:
 * <ul>
 *   <li>429 stays 429 with the provider's {@code Retry-After};</li>
 *   <li>401, 403 mean the gateway's credentials are wrong, not the caller's request: 502
 *       {@code upstream_configuration_error};</li>
 *   <li>404 means the provider knows neither the configured model nor something the request names: 404
 *       {@code upstream_not_found}, which never counts against the deployment;</li>
 *   <li>408 is a timeout: 504;</li>
 *   <li>other 4xx are the caller's request as the provider judged it: same status, provider's message, and
 *       the code {@link UpstreamRejections} gives it (context window exceeded, content policy, or
 *       {@code upstream_invalid_request});</li>
 *   <li>5xx (including Anthropic's 529 overloaded) and anything else: 502 naming the provider.</li>
 * </ul>
 */
public final class UpstreamErrors {

    private UpstreamErrors() {}

    /**
     * @param message      the provider's error message, or null when its body had none
     * @param providerCode the provider's error code or type, or null
     */
    public static GatewayException fromStatus(
            String provider, int status, String retryAfter, String message, String providerCode) {
        String detail = message == null || message.isBlank() ? "no error message" : message;
        GatewayException.Builder b;
        if (status == 429) {
            b = GatewayException.builder(
                            ErrorCode.RATE_LIMITED, "Provider '" + provider + "' is rate limiting requests: " + detail)
                    .retryAfter(retryAfter);
        } else if (status == 401 || status == 403) {
            // The provider's own message may quote part of the gateway's credential: it goes to the log (as the
            // cause), never to the caller.
            b = GatewayException.builder(
                            ErrorCode.UPSTREAM_CONFIGURATION,
                            "Provider '" + provider + "' rejected the gateway's credentials (HTTP " + status
                                    + "); check its apiKey setting.")
                    .cause(new UpstreamDetail(detail));
        } else if (status == 404) {
            b = GatewayException.builder(
                    ErrorCode.UPSTREAM_NOT_FOUND,
                    "Provider '" + provider + "' found no such model or resource (HTTP 404): " + detail);
        } else if (status == 408) {
            b = GatewayException.builder(
                    ErrorCode.UPSTREAM_TIMEOUT, "Provider '" + provider + "' timed out (HTTP 408): " + detail);
        } else if (status >= 400 && status < 500) {
            b = GatewayException.builder(UpstreamRejections.classify(status, providerCode, message), detail)
                    .status(status);
        } else {
            b = GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider + "' failed (HTTP " + status + "): " + detail)
                    .retryAfter(retryAfter);
        }
        return b.provider(provider).providerCode(providerCode).build();
    }

    /** A 2xx answer whose body the adapter could not read. */
    public static GatewayException unreadable(String provider, String what, Throwable cause) {
        return GatewayException.builder(
                        ErrorCode.UPSTREAM_ERROR,
                        "Provider '" + provider + "' sent an unreadable " + what + ": " + cause.getMessage())
                .provider(provider)
                .cause(cause)
                .build();
    }

    /** A 2xx answer that is well-formed JSON but not the expected shape. */
    public static GatewayException malformed(String provider, String what) {
        return GatewayException.builder(
                        ErrorCode.UPSTREAM_ERROR, "Provider '" + provider + "' sent a malformed " + what)
                .provider(provider)
                .build();
    }

    /** The provider's words about a failure that callers must not see; carried as the cause, for the log. */
    public static final class UpstreamDetail extends RuntimeException {
        public UpstreamDetail(String message) {
            super(message, null, false, false);
        }
    }
}
