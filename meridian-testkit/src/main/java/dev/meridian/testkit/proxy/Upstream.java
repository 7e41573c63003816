package dev.meridian.testkit.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A connection to a target opened on a client's behalf, with its entry in the connection log. */
final class Upstream {

    private static final Logger log = LoggerFactory.getLogger(Upstream.class);

    private final NetSocket socket;
    private final ConnectionLog.Entry entry;
    private final HostPort target;
    private final OpenSockets sockets;

    private Upstream(NetSocket socket, ConnectionLog.Entry entry, HostPort target, OpenSockets sockets) {
        this.socket = socket;
        this.entry = entry;
        this.target = target;
        this.sockets = sockets;
    }

    /**
     * Connects to {@code target} and, once connected, records the connection. Called on the client's
     * event loop, so the upstream socket's handlers run on that same thread.
     *
     * @param user the authenticated user, or null
     */
    static Future<Upstream> connect(ProxyContext ctx, ProxyProtocol protocol, HostPort target, String user) {
        return ctx.netClient().connect(target.port(), target.host()).map(socket -> {
            ctx.sockets().track(socket).exceptionHandler(e -> log.debug("upstream {} failed", target, e));
            return new Upstream(socket, ctx.log().opened(protocol, target, user), target, ctx.sockets());
        });
    }

    NetSocket socket() {
        return socket;
    }

    HostPort target() {
        return target;
    }

    /** Writes toward the target; returns false when its write queue is full and the source should pause. */
    boolean send(Buffer data) {
        entry.addUp(data.length());
        socket.write(data);
        return !socket.writeQueueFull();
    }

    /**
     * Copies what the target sends to {@code client}. {@code onEnd} runs once the target has ended and
     * all its bytes were handed to the client; the entry is closed by then.
     */
    Relay relayDownTo(NetSocket client, Runnable onEnd) {
        Relay relay = Relay.start(socket, client, entry::addDown);
        endsAfterItsLastByte(socket, () -> {
            entry.markClosed();
            onEnd.run();
        });
        return relay;
    }

    /**
     * Joins {@code client} and this upstream for the rest of both connections: bytes flow both ways
     * until either side ends, then the other closes. The client is resumed.
     */
    void tunnel(NetSocket client) {
        Relay.start(client, socket, entry::addUp);
        relayDownTo(client, () -> sockets.close(client));
        endsAfterItsLastByte(client, () -> sockets.close(socket));
        client.resume();
    }

    void close() {
        sockets.close(socket);
    }

    /**
     * Runs {@code onEnd} when {@code from} has ended and every byte it read was relayed. A closed
     * socket can read nothing more, so it is resumed even if its sink is full: the few chunks it still
     * holds go to the sink's queue instead of being lost with it.
     */
    static void endsAfterItsLastByte(NetSocket from, Runnable onEnd) {
        from.endHandler(v -> onEnd.run());
        from.closeHandler(v -> from.resume());
    }
}
