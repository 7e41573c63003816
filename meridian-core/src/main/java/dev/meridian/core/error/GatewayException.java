package dev.meridian.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The one error type of the gateway. Carries a stable {@link ErrorCode}, a message fit for the caller, the
 * offending field ({@code param}, in the caller's protocol terms) and, for upstream failures, the provider,
 * its HTTP status, its {@code Retry-After} and whether the request reached it at all (a request that was
 * never sent is always safe to retry).
 *
 * <p>Instances are cheap: no stack trace is captured for expected failures (bad input, upstream errors);
 * only {@link ErrorCode#INTERNAL} keeps one.
 */
public final class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final String param;
    private final String providerCode;
    private final String provider;
    private final String retryAfter;
    private final boolean requestSent;
    private final boolean cut;

    private GatewayException(Builder b) {
        super(requireNonNull(b.message, "message"), b.cause, false, b.code == ErrorCode.INTERNAL);
        this.code = requireNonNull(b.code, "code");
        this.status = b.status != 0 ? b.status : b.code.status();
        this.param = b.param;
        this.providerCode = b.providerCode;
        this.provider = b.provider;
        this.retryAfter = b.retryAfter;
        this.requestSent = b.requestSent;
        this.cut = b.cut;
    }

    public static Builder builder(ErrorCode code, String message) {
        return new Builder(code, message);
    }

    public static GatewayException of(ErrorCode code, String message) {
        return builder(code, message).build();
    }

    /** A 400 about one field of the caller's request. */
    public static GatewayException invalid(String param, String message) {
        return builder(ErrorCode.INVALID_REQUEST, message).param(param).build();
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * The HTTP status to answer with: the code's, or the provider's for a refusal of the caller's request
     * ({@link ErrorCode#UPSTREAM_INVALID_REQUEST}, {@link ErrorCode#CONTEXT_LENGTH_EXCEEDED},
     * {@link ErrorCode#CONTENT_POLICY}).
     */
    public int status() {
        return status;
    }

    /** The caller's field at fault, or null. */
    public String param() {
        return param;
    }

    /** The provider's own error code or type (e.g. {@code context_length_exceeded}), or null. */
    public String providerCode() {
        return providerCode;
    }

    /** The provider this error came from, or null when the gateway itself refused the request. */
    public String provider() {
        return provider;
    }

    /** The provider's {@code Retry-After} header value, verbatim, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** False when the request never reached the provider (connection refused, DNS failure): safe to retry. */
    public boolean requestSent() {
        return requestSent;
    }

    /**
     * True when the request reached the provider and its answer never came, or came cut (a timeout, a reset): the
     * provider read the prompt and bills it, unlike an error it answered.
     */
    public boolean cut() {
        return cut;
    }

    public static final class Builder {
        private final ErrorCode code;
        private final String message;
        private int status;
        private String param;
        private String providerCode;
        private String provider;
        private String retryAfter;
        private boolean requestSent = true;
        private boolean cut;
        private Throwable cause;

        private Builder(ErrorCode code, String message) {
            this.code = code;
            this.message = message;
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        public Builder param(String param) {
            this.param = param;
            return this;
        }

        public Builder providerCode(String providerCode) {
            this.providerCode = providerCode;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder retryAfter(String retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder requestSent(boolean requestSent) {
            this.requestSent = requestSent;
            return this;
        }

        public Builder cut(boolean cut) {
            this.cut = cut;
            return this;
        }

        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        public GatewayException build() {
            return new GatewayException(this);
        }
    }
}
