package dev.meridian.testkit.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every socket the proxy holds, and the one way it closes them.
 *
 * <p>Vert.x 5 closes a socket only after its queued writes are flushed, and that wait has no end
 * when the peer has stopped reading; a proxy between a stalled peer and a departed one must not
 * wait forever. So a close here flushes for at most a grace period, then aborts.
 */
final class OpenSockets {

    private final Vertx vertx;
    private final Duration grace;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();

    OpenSockets(Vertx vertx, Duration grace) {
        this.vertx = vertx;
        this.grace = grace;
    }

    /** Starts tracking {@code socket} until it closes. */
    NetSocket track(NetSocket socket) {
        open.add(socket);
        internal(socket).channelHandlerContext().channel().closeFuture().addListener(f -> open.remove(socket));
        return socket;
    }

    /** Closes after what was written is flushed, or aborts if the peer does not take it within the grace period. */
    void close(NetSocket socket) {
        long timer = vertx.setTimer(grace.toMillis(), id -> abort(socket));
        socket.close().onComplete(v -> vertx.cancelTimer(timer));
    }

    /** Writes a last message, then closes as {@link #close} does. */
    void closeAfter(NetSocket socket, Buffer last) {
        socket.write(last);
        close(socket);
    }

    /** Aborts every open socket, discarding unsent bytes. */
    void abortAll() {
        open.forEach(OpenSockets::abort);
    }

    private static void abort(NetSocket socket) {
        // Closing from Vert.x's own handler context goes below it, skipping the flush-first close.
        internal(socket).channelHandlerContext().close();
    }

    private static NetSocketInternal internal(NetSocket socket) {
        return (NetSocketInternal) socket;
    }
}
