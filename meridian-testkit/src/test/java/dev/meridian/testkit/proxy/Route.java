package dev.meridian.testkit.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;

/** A way for a Vert.x client to reach a target through {@link LocalProxy}, and what the proxy should record. */
enum Route {
    /** Vert.x sends plain-http requests to an HTTP proxy in absolute-form. */
    HTTP_FORWARD(ProxyType.HTTP, false, HttpVersion.HTTP_1_1, ProxyProtocol.HTTP_FORWARD),
    /**
     * HTTP/2 to a plain target through an HTTP proxy: Vert.x sends an absolute-form HTTP/1.1 request
     * with {@code Upgrade: h2c}, which the proxy forwards and then relays raw.
     */
    HTTP_FORWARD_H2C_UPGRADE(ProxyType.HTTP, false, HttpVersion.HTTP_2, ProxyProtocol.HTTP_FORWARD),
    /** Vert.x tunnels TLS through an HTTP proxy with CONNECT. */
    HTTP_CONNECT_TLS(ProxyType.HTTP, true, HttpVersion.HTTP_1_1, ProxyProtocol.HTTP_CONNECT),
    HTTP_CONNECT_TLS_H2(ProxyType.HTTP, true, HttpVersion.HTTP_2, ProxyProtocol.HTTP_CONNECT),
    SOCKS5_PLAIN(ProxyType.SOCKS5, false, HttpVersion.HTTP_1_1, ProxyProtocol.SOCKS5),
    SOCKS5_TLS(ProxyType.SOCKS5, true, HttpVersion.HTTP_1_1, ProxyProtocol.SOCKS5),
    /** HTTP/2 with prior knowledge over a plain TCP tunnel. */
    SOCKS5_H2C(ProxyType.SOCKS5, false, HttpVersion.HTTP_2, ProxyProtocol.SOCKS5);

    final ProxyType proxyType;
    final boolean tls;
    final HttpVersion version;
    final ProxyProtocol recorded;

    Route(ProxyType proxyType, boolean tls, HttpVersion version, ProxyProtocol recorded) {
        this.proxyType = proxyType;
        this.tls = tls;
        this.version = version;
        this.recorded = recorded;
    }

    int proxyPort(LocalProxy proxy) {
        return proxyType == ProxyType.HTTP ? proxy.httpPort() : proxy.socksPort();
    }

    int targetPort(TargetServers targets) {
        return tls ? targets.tlsPort() : targets.plainPort();
    }

    /**
     * A client that sends every request through {@code proxy} on this route.
     *
     * @param user null for no proxy credentials
     */
    HttpClientAgent client(Vertx vertx, LocalProxy proxy, String user, String password) {
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(version)
                .setProxyOptions(new ProxyOptions()
                        .setType(proxyType)
                        .setHost("127.0.0.1")
                        .setPort(proxyPort(proxy))
                        .setUsername(user)
                        .setPassword(password));
        if (tls) {
            options.setSsl(true).setTrustAll(true).setVerifyHost(false).setUseAlpn(version == HttpVersion.HTTP_2);
        } else if (version == HttpVersion.HTTP_2) {
            options.setHttp2ClearTextUpgrade(proxyType == ProxyType.HTTP);
        }
        return vertx.createHttpClient(options);
    }
}
