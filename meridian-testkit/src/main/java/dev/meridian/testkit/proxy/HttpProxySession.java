package dev.meridian.testkit.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on the HTTP port: {@code CONNECT} tunnels (RFC 9110 §9.3.6) and
 * absolute-form requests forwarded in origin-form (RFC 9112 §3.2.2).
 *
 * <p>Every request head is parsed, authenticated and rewritten; bodies and responses stream through
 * unbuffered. Consecutive requests to the same target share one upstream connection; a request to
 * another target closes it and opens a new one (pipelining across targets is not supported).
 */
final class HttpProxySession {

    private static final Logger log = LoggerFactory.getLogger(HttpProxySession.class);
    private static final int MAX_HEAD = 64 * 1024;
    /** Fields meant for this proxy only; never sent on. */
    private static final Set<String> PROXY_FIELDS = Set.of("proxy-authorization", "proxy-connection");

    private enum State {
        HEAD,
        BODY,
        RAW,
        CONNECTING,
        DONE
    }

    private final NetSocket client;
    private final ProxyContext ctx;
    private final PendingBytes pending = new PendingBytes();
    private State state = State.HEAD;
    private BodyFraming body;
    private Upstream upstream;
    private Relay downstream;

    private HttpProxySession(NetSocket client, ProxyContext ctx) {
        this.client = client;
        this.ctx = ctx;
    }

    static void serve(NetSocket client, ProxyContext ctx) {
        HttpProxySession session = new HttpProxySession(client, ctx);
        ctx.sockets()
                .track(client)
                .exceptionHandler(e -> log.debug("HTTP proxy client {} failed", client.remoteAddress(), e));
        client.handler(session::onData);
        client.endHandler(v -> session.closeUpstream());
        // As in Upstream.endsAfterItsLastByte, except while connecting: then the resume after the
        // connect delivers the end, which closes the new upstream.
        client.closeHandler(v -> {
            if (session.state != State.CONNECTING) {
                client.resume();
            }
        });
    }

    private void onData(Buffer data) {
        if (state != State.DONE) {
            pending.append(data);
            process();
        }
    }

    private void process() {
        try {
            while (pending.length() > 0 && step()) {
                // each step consumes a head or some body bytes, or returns false to wait
            }
        } catch (RejectedRequestException e) {
            reject(e.status(), e.getMessage());
        }
    }

    private boolean step() throws RejectedRequestException {
        switch (state) {
            case HEAD -> {
                int end = HttpRequestHead.findEnd(pending.view());
                if (end > MAX_HEAD || end < 0 && pending.length() > MAX_HEAD) {
                    throw new RejectedRequestException(
                            ProxyStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            "request head longer than " + MAX_HEAD + " bytes");
                }
                if (end < 0) {
                    return false;
                }
                onHead(HttpRequestHead.parse(pending.take(end)));
                return true;
            }
            case BODY -> {
                sendUp(pending.take(body.advance(pending.view(), 0)));
                if (body.complete()) {
                    state = State.HEAD;
                }
                return true;
            }
            case RAW -> {
                sendUp(pending.takeAll());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void onHead(HttpRequestHead head) throws RejectedRequestException {
        boolean connect = head.method().equals("CONNECT");
        ProxyProtocol protocol = connect ? ProxyProtocol.HTTP_CONNECT : ProxyProtocol.HTTP_FORWARD;
        BasicProxyAuth.Result auth = BasicProxyAuth.check(ctx.credentials(), head.values("Proxy-Authorization"));
        if (auth instanceof BasicProxyAuth.Refused refused) {
            ctx.log().authFailed(new AuthFailure(protocol, refused.user(), refused.reason()));
            reject(
                    ProxyStatus.PROXY_AUTHENTICATION_REQUIRED,
                    "proxy credentials " + refused.reason().name().toLowerCase(Locale.ROOT),
                    "Proxy-Authenticate: Basic realm=\"" + ctx.realm() + "\"");
            return;
        }
        String user = ((BasicProxyAuth.Accepted) auth).user();
        if (connect) {
            openTunnel(HostPort.parse(head.target(), -1), user);
        } else {
            forward(head, AbsoluteForm.parse(head.target()), user);
        }
    }

    private void openTunnel(HostPort target, String user) {
        closeUpstream();
        whenConnected(target, Upstream.connect(ctx, ProxyProtocol.HTTP_CONNECT, target, user), tunnel -> {
            state = State.DONE; // the tunnel owns the client from here on
            client.write(Buffer.buffer("HTTP/1.1 200 Connection Established\r\n\r\n"));
            if (pending.length() > 0) {
                tunnel.send(pending.takeAll());
            }
            tunnel.tunnel(client);
        });
    }

    private void forward(HttpRequestHead head, AbsoluteForm form, String user) throws RejectedRequestException {
        BodyFraming framing = BodyFraming.of(head);
        // After an Upgrade request the connection may stop being HTTP/1.1 at any time: relay it raw.
        State next = !head.values("Upgrade").isEmpty() ? State.RAW : framing.complete() ? State.HEAD : State.BODY;
        Buffer rewritten = head.encode(form.originForm(), form.authority(), PROXY_FIELDS);
        Runnable sendHead = () -> {
            sendUp(rewritten);
            body = framing;
            state = next;
        };
        if (upstream != null && upstream.target().equals(form.target())) {
            sendHead.run();
            return;
        }
        closeUpstream();
        whenConnected(form.target(), Upstream.connect(ctx, ProxyProtocol.HTTP_FORWARD, form.target(), user), opened -> {
            attach(opened);
            sendHead.run();
        });
    }

    /** Holds the client's bytes until {@code connecting} completes, then continues or answers 502. */
    private void whenConnected(HostPort target, Future<Upstream> connecting, Consumer<Upstream> then) {
        state = State.CONNECTING;
        client.pause();
        connecting.onComplete(result -> {
            if (result.failed()) {
                log.debug("connect to {} failed", target, result.cause());
                reject(
                        ProxyStatus.BAD_GATEWAY,
                        "cannot reach " + target + ": " + result.cause().getMessage());
                return;
            }
            then.accept(result.result());
            client.resume();
            process();
        });
    }

    private void attach(Upstream opened) {
        upstream = opened;
        downstream = opened.relayDownTo(client, () -> {
            if (upstream == opened) {
                state = State.DONE;
                ctx.sockets().close(client);
            }
        });
    }

    private void sendUp(Buffer data) {
        Upstream current = upstream;
        if (!current.send(data)) {
            client.pause();
            current.socket().drainHandler(v -> {
                if (upstream == current) {
                    client.resume();
                }
            });
        }
    }

    private void closeUpstream() {
        if (upstream != null) {
            downstream.stop();
            upstream.close();
            upstream = null;
            downstream = null;
        }
    }

    /** Answers the client and closes; whatever the current upstream still sends is dropped. */
    private void reject(ProxyStatus status, String detail, String... extraHeaderLines) {
        state = State.DONE;
        closeUpstream();
        pending.takeAll();
        ctx.sockets().closeAfter(client, status.response(detail, extraHeaderLines));
    }
}
