package dev.meridian.testkit.proxy;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Why the proxy could not reach a target, in the terms a SOCKS5 reply can express (RFC 1928 §6). */
enum ConnectFailure {
    REFUSED(Socks5Reply.CONNECTION_REFUSED),
    UNREACHABLE(Socks5Reply.HOST_UNREACHABLE),
    OTHER(Socks5Reply.GENERAL_FAILURE);

    private final Socks5Reply socksReply;

    ConnectFailure(Socks5Reply socksReply) {
        this.socksReply = socksReply;
    }

    Socks5Reply socksReply() {
        return socksReply;
    }

    static ConnectFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Netty's connect timeout is a ConnectException too, so it must be tested first.
            if (t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof ConnectTimeoutException
                    || t instanceof SocketTimeoutException) {
                return UNREACHABLE;
            }
            if (t instanceof ConnectException) {
                return REFUSED;
            }
        }
        return OTHER;
    }
}
