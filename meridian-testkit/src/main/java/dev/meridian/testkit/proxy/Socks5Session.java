package dev.meridian.testkit.proxy;

import static dev.meridian.testkit.proxy.Socks5Codec.METHOD_NO_AUTH;
import static dev.meridian.testkit.proxy.Socks5Codec.METHOD_PASSWORD;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection on the SOCKS port: greeting, optional RFC 1929 login, CONNECT, then a tunnel. */
final class Socks5Session {

    private static final Logger log = LoggerFactory.getLogger(Socks5Session.class);

    private enum State {
        GREETING,
        AUTH,
        REQUEST,
        CONNECTING,
        DONE
    }

    private final NetSocket client;
    private final ProxyContext ctx;
    private final PendingBytes pending = new PendingBytes();
    private State state = State.GREETING;
    private String user;

    private Socks5Session(NetSocket client, ProxyContext ctx) {
        this.client = client;
        this.ctx = ctx;
    }

    static void serve(NetSocket client, ProxyContext ctx) {
        Socks5Session session = new Socks5Session(client, ctx);
        ctx.sockets()
                .track(client)
                .exceptionHandler(e -> log.debug("SOCKS5 client {} failed", client.remoteAddress(), e));
        client.handler(session::onData);
    }

    private void onData(Buffer data) {
        if (state == State.DONE) {
            return;
        }
        pending.append(data);
        while (step()) {
            // each step consumes one whole message, or returns false to wait for more bytes
        }
    }

    private boolean step() {
        switch (state) {
            case GREETING -> {
                Socks5Codec.Greeting greeting = Socks5Codec.greeting(pending.view());
                if (greeting == null) {
                    return false;
                }
                pending.consume(greeting.length());
                if (greeting.version() != Socks5Codec.VERSION) {
                    finish(Buffer.buffer()); // RFC 1928 defines no answer to another version: just close
                    return false;
                }
                return chooseMethod(greeting);
            }
            case AUTH -> {
                Socks5Codec.PasswordAuth auth = Socks5Codec.passwordAuth(pending.view());
                if (auth == null) {
                    return false;
                }
                pending.consume(auth.length());
                return login(auth);
            }
            case REQUEST -> {
                Socks5Codec.Request request = Socks5Codec.request(pending.view());
                if (request == null) {
                    return false;
                }
                pending.consume(request.length());
                if (request instanceof Socks5Codec.Refuse refuse) {
                    finish(Socks5Codec.reply(refuse.reply(), null));
                } else {
                    connect(((Socks5Codec.Connect) request).target());
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean chooseMethod(Socks5Codec.Greeting greeting) {
        boolean required = ctx.credentials() != null;
        boolean offersPassword = greeting.methods().contains(METHOD_PASSWORD);
        boolean offersNone = greeting.methods().contains(METHOD_NO_AUTH);
        if (offersPassword && (required || !offersNone)) {
            client.write(Socks5Codec.methodSelection(METHOD_PASSWORD));
            state = State.AUTH;
            return true;
        }
        if (offersNone && !required) {
            client.write(Socks5Codec.methodSelection(METHOD_NO_AUTH));
            state = State.REQUEST;
            return true;
        }
        if (required) {
            ctx.log().authFailed(new AuthFailure(ProxyProtocol.SOCKS5, null, AuthFailure.Reason.MISSING));
        }
        finish(Socks5Codec.methodSelection(Socks5Codec.NO_ACCEPTABLE_METHODS));
        return false;
    }

    private boolean login(Socks5Codec.PasswordAuth auth) {
        ProxyCredentials expected = ctx.credentials();
        AuthFailure.Reason refusal = auth.version() != Socks5Codec.PASSWORD_AUTH_VERSION
                ? AuthFailure.Reason.MALFORMED
                : expected != null && !expected.matches(auth.user(), auth.password()) ? AuthFailure.Reason.WRONG : null;
        if (refusal != null) {
            ctx.log().authFailed(new AuthFailure(ProxyProtocol.SOCKS5, auth.user(), refusal));
            finish(Socks5Codec.passwordAuthStatus(false));
            return false;
        }
        user = auth.user();
        client.write(Socks5Codec.passwordAuthStatus(true));
        state = State.REQUEST;
        return true;
    }

    private void connect(HostPort target) {
        state = State.CONNECTING;
        client.pause();
        Upstream.connect(ctx, ProxyProtocol.SOCKS5, target, user).onComplete(result -> {
            if (result.failed()) {
                log.debug("SOCKS5 connect to {} failed", target, result.cause());
                finish(Socks5Codec.reply(ConnectFailure.classify(result.cause()).socksReply(), null));
                return;
            }
            Upstream upstream = result.result();
            state = State.DONE;
            client.write(
                    Socks5Codec.reply(Socks5Reply.SUCCEEDED, upstream.socket().localAddress()));
            if (pending.length() > 0) {
                upstream.send(pending.takeAll());
            }
            upstream.tunnel(client);
        });
    }

    /** Sends a last message (possibly empty) and closes once it is flushed. */
    private void finish(Buffer last) {
        state = State.DONE;
        ctx.sockets().closeAfter(client, last);
    }
}
