package dev.meridian.server.connection;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import dev.meridian.server.config.ServerConfig;
import dev.meridian.server.metrics.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sits on the gateway's listening socket and sees each accepted connection before Vert.x does: refuses it when its
 * client address already holds {@code server.maxConnectionsPerClient} connections (closed at once, nothing written,
 * counted in {@code meridian_connections_refused_total}), and otherwise puts a {@link SlowClientGuard} at the head of
 * its pipeline. Runs on the acceptor thread; shared by every event loop.
 */
@ChannelHandler.Sharable
public final class ConnectionGuards extends ChannelInboundHandlerAdapter {

    private final ClientCounts counts;
    private final GuardSettings settings;

    public ConnectionGuards(ServerConfig config, GatewayMetrics metrics) {
        this.counts = new ClientCounts(config.maxConnectionsPerClient());
        this.settings = new GuardSettings(
                config.headerTimeout().toNanos(),
                config.bodyStallTimeout().toNanos(),
                config.idleTimeout().toNanos(),
                requestTimeout("The request headers did not arrive within " + human(config.headerTimeout())
                        + "; the connection is closed."),
                requestTimeout("The request body stopped arriving for " + human(config.bodyStallTimeout())
                        + "; the connection is closed."),
                metrics);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && child.remoteAddress() instanceof InetSocketAddress remote) {
            InetAddress address = remote.getAddress();
            if (!counts.tryAcquire(address)) {
                settings.metrics().connectionRefused();
                // Not registered with an event loop yet: close the socket without running any pipeline.
                child.unsafe().closeForcibly();
                return;
            }
            child.closeFuture().addListener(f -> counts.release(address));
            child.pipeline().addFirst(SlowClientGuard.NAME, new SlowClientGuard(settings));
        }
        ctx.fireChannelRead(msg);
    }

    /** A raw HTTP/1.1 408 in OpenAI's error shape, written by the guard where no Vert.x response exists. */
    private static GuardSettings.Answer requestTimeout(String message) {
        GatewayException e = GatewayException.of(ErrorCode.REQUEST_TIMEOUT, message);
        byte[] body = OpenAiErrors.encode(e);
        String head = "HTTP/1.1 408 Request Timeout\r\n"
                + "content-type: application/json\r\n"
                + "content-length: " + body.length + "\r\n"
                + "connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[h.length + body.length];
        System.arraycopy(h, 0, bytes, 0, h.length);
        System.arraycopy(body, 0, bytes, h.length, body.length);
        return new GuardSettings.Answer(bytes, e);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
