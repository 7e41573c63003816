package dev.meridian.server.upstream;

import dev.meridian.server.config.ProviderConfig;
import dev.meridian.server.config.ProxySpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pooled HTTP client per provider, for one event loop: keep-alive connections, HTTP/2 negotiated by ALPN
 * on TLS when the provider offers it, the provider's connect timeout, TLS trust and outbound proxy.
 * Created inside a verticle so every connection lives on that verticle's event loop.
 */
public final class UpstreamClients {

    private final Map<String, HttpClientAgent> clients = new HashMap<>();

    public UpstreamClients(Vertx vertx, Collection<Provider> providers) {
        for (Provider p : providers) {
            clients.put(p.name(), vertx.createHttpClient(options(p), pool(p.config())));
        }
    }

    public HttpClientAgent client(Provider provider) {
        return clients.get(provider.name());
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        clients.values().forEach(c -> closing.add(c.close()));
        return Future.all(closing).mapEmpty();
    }

    static HttpClientOptions options(Provider p) {
        ProviderConfig c = p.config();
        HttpClientOptions o = new HttpClientOptions()
                .setName("meridian-" + p.name())
                .setConnectTimeout((int) c.timeouts().connect().toMillis())
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setTcpNoDelay(true)
                .setTcpQuickAck(true)
                .setTcpKeepAlive(true)
                .setDecompressionSupported(false)
                .setMaxInitialLineLength(8192)
                .setSsl(p.ssl());
        if (p.ssl()) {
            o.setVerifyHost(!c.tls().trustAll()).setTrustAll(c.tls().trustAll());
            if (c.tls().caFile() != null) {
                o.setTrustOptions(new PemTrustOptions().addCertPath(c.tls().caFile()));
            }
            if (c.http2()) {
                o.setProtocolVersion(HttpVersion.HTTP_2)
                        .setUseAlpn(true)
                        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
            }
        }
        if (c.proxy() != null) {
            ProxySpec proxy = ProxySpec.parse(c.proxy());
            o.setProxyOptions(new ProxyOptions()
                    .setType(proxy.kind() == ProxySpec.Kind.SOCKS5 ? ProxyType.SOCKS5 : ProxyType.HTTP)
                    .setHost(proxy.host())
                    .setPort(proxy.port())
                    .setUsername(proxy.username())
                    .setPassword(proxy.password()));
        }
        return o;
    }

    private static PoolOptions pool(ProviderConfig c) {
        return new PoolOptions()
                .setHttp1MaxSize(c.maxConnections())
                .setHttp2MaxSize(Math.max(1, c.maxConnections() / 64))
                .setMaxWaitQueueSize(-1);
    }
}
