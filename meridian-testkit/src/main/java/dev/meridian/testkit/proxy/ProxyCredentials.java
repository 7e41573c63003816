package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * The one username and password that {@link LocalProxy} accepts, both for HTTP Basic proxy
 * authentication (RFC 7617) and SOCKS5 username/password authentication (RFC 1929).
 *
 * @param username non-empty, without {@code ':'} (Basic cannot carry it), at most 255 UTF-8 bytes
 *     (the SOCKS5 limit)
 * @param password non-empty, at most 255 UTF-8 bytes
 */
public record ProxyCredentials(String username, String password) {

    public ProxyCredentials {
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        if (username.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("username and password must not be empty (RFC 1929 needs 1..255 bytes)");
        }
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("username must not contain ':' (RFC 7617 Basic cannot encode it)");
        }
        if (utf8Length(username) > 255 || utf8Length(password) > 255) {
            throw new IllegalArgumentException("username and password must be at most 255 UTF-8 bytes (RFC 1929)");
        }
    }

    /** Whether the given pair is exactly this one; either argument may be null, which never matches. */
    boolean matches(String user, String pass) {
        return username.equals(user) && password.equals(pass);
    }

    @Override
    public String toString() {
        return "ProxyCredentials[username=" + username + ", password=***]";
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
