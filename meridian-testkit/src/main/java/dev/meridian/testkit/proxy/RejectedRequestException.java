package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

/** A request the HTTP port will not serve; the session answers with {@link #status()} and closes. */
final class RejectedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ProxyStatus status;

    RejectedRequestException(ProxyStatus status, String message) {
        super(message, null, false, false);
        this.status = requireNonNull(status, "status");
    }

    ProxyStatus status() {
        return status;
    }
}
