package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of one upstream connection that {@link LocalProxy} opened for a client.
 *
 * <p>Byte counts are those seen when the snapshot was taken; once {@link #closed()} is true they are
 * final. For {@link ProxyProtocol#HTTP_FORWARD} they include the request heads as rewritten to
 * origin-form; for tunnels they count only the bytes after the handshake.
 *
 * @param id increasing in the order connections were opened, starting at 1
 * @param protocol how the client asked for the target
 * @param targetHost the host as the client named it (name or IP literal, IPv6 without brackets)
 * @param targetPort the target port
 * @param user the authenticated user, or null when the proxy requires no credentials
 * @param bytesUp bytes relayed from the client to the target
 * @param bytesDown bytes relayed from the target to the client
 * @param closed whether the upstream connection has ended
 */
public record ProxyConnection(
        long id,
        ProxyProtocol protocol,
        String targetHost,
        int targetPort,
        String user,
        long bytesUp,
        long bytesDown,
        boolean closed) {

    public ProxyConnection {
        requireNonNull(protocol, "protocol");
        requireNonNull(targetHost, "targetHost");
    }

    /** The target as {@code host:port}, with brackets around an IPv6 literal. */
    public String target() {
        return new HostPort(targetHost, targetPort).toString();
    }
}
