package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

import io.vertx.core.net.NetClient;

/**
 * What every client session of one {@link LocalProxy} shares.
 *
 * @param credentials null when no authentication is required
 */
record ProxyContext(
        NetClient netClient, OpenSockets sockets, ProxyCredentials credentials, String realm, ConnectionLog log) {

    ProxyContext {
        requireNonNull(netClient, "netClient");
        requireNonNull(sockets, "sockets");
        requireNonNull(realm, "realm");
        requireNonNull(log, "log");
    }
}
