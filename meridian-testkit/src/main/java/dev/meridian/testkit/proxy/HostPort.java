package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

/** A target host (name or IP literal, IPv6 without brackets) and port. */
record HostPort(String host, int port) {

    HostPort {
        requireNonNull(host, "host");
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port}, or (when {@code defaultPort} is not -1) the same
     * without the port, as in the authority of an {@code http} URI (RFC 3986 §3.2).
     */
    static HostPort parse(String authority, int defaultPort) throws RejectedRequestException {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? "" : authority.substring(1, close);
            if (host.indexOf(':') < 0) {
                throw bad(authority);
            }
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw bad(authority);
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = authority.indexOf(':');
            if (colon != authority.lastIndexOf(':')) {
                throw bad(authority);
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || "@/?#[]\\\"".indexOf(c) >= 0)) {
            throw bad(authority);
        }
        if (port == null && defaultPort == -1) {
            throw new RejectedRequestException(ProxyStatus.BAD_REQUEST, "target must name a port: " + authority);
        }
        return new HostPort(host, port == null ? defaultPort : parsePort(port, authority));
    }

    private static int parsePort(String port, String authority) throws RejectedRequestException {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(authority);
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw bad(authority);
        }
        return value;
    }

    private static RejectedRequestException bad(String authority) {
        return new RejectedRequestException(ProxyStatus.BAD_REQUEST, "malformed authority: " + authority);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
