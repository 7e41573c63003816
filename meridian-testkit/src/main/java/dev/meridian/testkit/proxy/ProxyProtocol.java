package dev.meridian.testkit.proxy;

/** How a client asked {@link LocalProxy} to reach its target. */
public enum ProxyProtocol {
    /** {@code CONNECT host:port} on the HTTP port, then raw bytes both ways (RFC 9110 §9.3.6). */
    HTTP_CONNECT,
    /** An absolute-form request ({@code GET http://host:port/path}) on the HTTP port, forwarded in origin-form. */
    HTTP_FORWARD,
    /** A SOCKS5 {@code CONNECT} command on the SOCKS port (RFC 1928). */
    SOCKS5
}
