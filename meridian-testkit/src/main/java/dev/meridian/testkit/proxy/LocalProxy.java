package dev.meridian.testkit.proxy;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real forward proxy on loopback for tests that must prove traffic went through a proxy.
 *
 * <p>Two ports: {@link #httpPort()} speaks HTTP/1.1 proxying, both {@code CONNECT host:port}
 * tunnels and absolute-form requests ({@code GET http://host:port/path}) forwarded in origin-form;
 * {@link #socksPort()} speaks SOCKS5 with the {@code CONNECT} command. With credentials configured,
 * the HTTP port wants {@code Proxy-Authorization: Basic} on every request (else 407 and close) and
 * the SOCKS port wants RFC 1929 username/password (else status 0x01 and close).
 *
 * <pre>{@code
 * try (LocalProxy proxy = LocalProxy.start(LocalProxy.Options.defaults().withCredentials("alice", "s3cret"))) {
 *   // point the client at 127.0.0.1:proxy.httpPort() ...
 *   assertThat(proxy.connections()).extracting(ProxyConnection::user).containsOnly("alice");
 * }
 * }</pre>
 *
 * <p>Runs on its own Vert.x instance, so a blocked event loop in the code under test cannot stall
 * it. All methods are thread-safe.
 */
public final class LocalProxy implements AutoCloseable {

    private static final long STARTUP_TIMEOUT_SECONDS = 10;
    /** How long a closing connection may take to flush to a peer before it is aborted. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final int httpPort;
    private final int socksPort;
    private final ConnectionLog log;
    private final OpenSockets sockets;

    private LocalProxy(Vertx vertx, int httpPort, int socksPort, ConnectionLog log, OpenSockets sockets) {
        this.vertx = vertx;
        this.httpPort = httpPort;
        this.socksPort = socksPort;
        this.log = log;
        this.sockets = sockets;
    }

    /** Starts a proxy with {@link Options#defaults()}: no credentials, ephemeral ports on 127.0.0.1. */
    public static LocalProxy start() {
        return start(Options.defaults());
    }

    /**
     * Starts a proxy and blocks until both ports listen.
     *
     * @throws IllegalStateException if a port cannot be bound, or when called on a Vert.x event loop
     */
    public static LocalProxy start(Options options) {
        requireNonNull(options, "options");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            ConnectionLog log = new ConnectionLog();
            OpenSockets sockets = new OpenSockets(vertx, CLOSE_GRACE);
            ProxyContext ctx = new ProxyContext(
                    vertx.createNetClient(new NetClientOptions()
                            .setConnectTimeout((int) options.connectTimeout().toMillis())),
                    sockets,
                    options.credentials(),
                    options.realm(),
                    log);
            NetServer http = vertx.createNetServer().connectHandler(socket -> HttpProxySession.serve(socket, ctx));
            NetServer socks = vertx.createNetServer().connectHandler(socket -> Socks5Session.serve(socket, ctx));
            int httpPort =
                    await(http.listen(options.httpPort(), options.host())).actualPort();
            int socksPort =
                    await(socks.listen(options.socksPort(), options.host())).actualPort();
            return new LocalProxy(vertx, httpPort, socksPort, log, sockets);
        } catch (Exception e) { // Future.await rethrows any failure unchecked, BindException included
            vertx.close();
            throw new IllegalStateException("cannot start local proxy with " + options + ": " + e, e);
        }
    }

    /** The port speaking HTTP CONNECT and absolute-form forwarding. */
    public int httpPort() {
        return httpPort;
    }

    /** The port speaking SOCKS5. */
    public int socksPort() {
        return socksPort;
    }

    /** Every upstream connection opened so far, oldest first; an immutable snapshot. */
    public List<ProxyConnection> connections() {
        return log.connections();
    }

    /** Every client turned away for its credentials so far, oldest first; an immutable snapshot. */
    public List<AuthFailure> authFailures() {
        return log.authFailures();
    }

    /** Stops listening and aborts every connection, sent or not; blocks until done. Idempotent. */
    @Override
    public void close() {
        sockets.abortAll();
        try {
            vertx.close().await(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("local proxy did not close within " + STARTUP_TIMEOUT_SECONDS + "s", e);
        }
    }

    private static <T> T await(Future<T> future) throws TimeoutException {
        return future.await(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * How to start a {@link LocalProxy}.
     *
     * @param host the address both ports bind to
     * @param httpPort 0 for an ephemeral port
     * @param socksPort 0 for an ephemeral port
     * @param credentials null when no authentication is required
     * @param realm the realm named in {@code Proxy-Authenticate}
     * @param connectTimeout how long to wait for a target to accept
     */
    public record Options(
            String host,
            int httpPort,
            int socksPort,
            ProxyCredentials credentials,
            String realm,
            Duration connectTimeout) {

        public Options {
            requireNonNull(host, "host");
            requireNonNull(realm, "realm");
            requireNonNull(connectTimeout, "connectTimeout");
            if (httpPort < 0 || httpPort > 65535 || socksPort < 0 || socksPort > 65535) {
                throw new IllegalArgumentException(
                        "ports must be 0..65535, got http " + httpPort + " socks " + socksPort);
            }
            if (httpPort != 0 && httpPort == socksPort) {
                throw new IllegalArgumentException("httpPort and socksPort must differ, both are " + httpPort);
            }
            if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("realm must not contain '\"' or '\\\\': " + realm);
            }
            if (connectTimeout.isNegative()
                    || connectTimeout.isZero()
                    || connectTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "connectTimeout must be positive and fit in int millis: " + connectTimeout);
            }
        }

        /** 127.0.0.1, ephemeral ports, no credentials, realm {@code meridian-testkit}, 5 s connect timeout. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, 0, null, "meridian-testkit", Duration.ofSeconds(5));
        }

        /** These options, requiring the given credentials on both ports. */
        public Options withCredentials(String username, String password) {
            return new Options(
                    host, httpPort, socksPort, new ProxyCredentials(username, password), realm, connectTimeout);
        }

        /** These options with fixed ports (0 for ephemeral). */
        public Options withPorts(int httpPort, int socksPort) {
            return new Options(host, httpPort, socksPort, credentials, realm, connectTimeout);
        }

        public Options withConnectTimeout(Duration connectTimeout) {
            return new Options(host, httpPort, socksPort, credentials, realm, connectTimeout);
        }
    }
}
