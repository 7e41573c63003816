package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

/**
 * A client that {@link LocalProxy} turned away for its credentials.
 *
 * @param protocol what the client was asking for
 * @param user the username the client presented, or null when it presented none
 * @param reason why it was turned away
 */
public record AuthFailure(ProxyProtocol protocol, String user, Reason reason) {

    public AuthFailure {
        requireNonNull(protocol, "protocol");
        requireNonNull(reason, "reason");
    }

    /** Why credentials were refused. */
    public enum Reason {
        /** No {@code Proxy-Authorization} header, or a SOCKS5 client that did not offer username/password. */
        MISSING,
        /** A {@code Proxy-Authorization} that is not well-formed Basic (other scheme, bad base64, no colon). */
        MALFORMED,
        /** Well-formed credentials that are not the configured ones. */
        WRONG
    }
}
