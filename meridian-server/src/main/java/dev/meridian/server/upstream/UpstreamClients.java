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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One pooled HTTP client per provider, for one event loop: keep-alive connections, HTTP/2 negotiated by ALPN
 * on TLS when the provider offers it, the provider's connect timeout, TLS trust and outbound proxy.
 * Created inside a verticle so every connection lives on that verticle's event loop, and used from that loop only.
 *
 * <p>The providers in force can change (a configuration reload): a provider seen for the first time gets its
 * client when first called, and once the providers in force change, the clients of providers no longer among them
 * are shut down gracefully: requests under way finish (up to {@code grace}), then the connections close.
 */
public final class UpstreamClients {

    private final Vertx vertx;
    private final Supplier<Collection<Provider>> inForce;
    private final Duration grace;
    private final Map<Provider, HttpClientAgent> clients = new IdentityHashMap<>();
    private Collection<Provider> seen;

    /**
     * @param inForce the providers in force now; the same collection object until they change
     * @param grace   how long requests under way on a retired provider's client may still run
     */
    public UpstreamClients(Vertx vertx, Supplier<Collection<Provider>> inForce, Duration grace) {
        this.vertx = vertx;
        this.inForce = inForce;
        this.grace = grace;
        this.seen = inForce.get();
        seen.forEach(this::open);
    }

    /** The client of {@code provider}; opened now if it has none (a provider added, or one a request still holds). */
    public HttpClientAgent client(Provider provider) {
        Collection<Provider> now = inForce.get();
        if (now != seen) {
            retireAllBut(now);
            seen = now;
        }
        HttpClientAgent client = clients.get(provider);
        return client != null ? client : open(provider);
    }

    private HttpClientAgent open(Provider p) {
        HttpClientAgent client = vertx.createHttpClient(options(p), pool(p.config()));
        clients.put(p, client);
        return client;
    }

    private void retireAllBut(Collection<Provider> now) {
        Set<Provider> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(now);
        for (Iterator<Map.Entry<Provider, HttpClientAgent>> it =
                        clients.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<Provider, HttpClientAgent> e = it.next();
            if (!keep.contains(e.getKey())) {
                HttpClientAgent retired = e.getValue(); // read first: a removed IdentityHashMap entry is gone
                it.remove();
                retired.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
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
