package dev.meridian.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP connection to the gateway that sends exactly the bytes it is given, for tests of what a server
 * does with clients that misbehave below HTTP clients' level. Non-blocking: {@link #closedByPeer()} reads what has
 * arrived and says whether the gateway has closed, so tests wait on it with {@code Poll}.
 */
final class RawConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    private boolean closed;
    private long closedAt;

    private RawConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the gateway on 127.0.0.1 from {@code localAddress} (an address of the loopback network). */
    static RawConnection open(int port, String localAddress) {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.bind(new InetSocketAddress(localAddress, 0));
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            ch.configureBlocking(false);
            return new RawConnection(ch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawConnection open(int port) {
        return open(port, "127.0.0.1");
    }

    RawConnection send(String ascii) {
        ByteBuffer out = ByteBuffer.wrap(ascii.getBytes(StandardCharsets.US_ASCII));
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads what arrived; true once the gateway closed the connection (end of stream or reset). */
    boolean closedByPeer() {
        if (closed) {
            return true;
        }
        try {
            int n;
            while ((n = channel.read(buffer.clear())) > 0) {
                received.write(buffer.array(), 0, n);
            }
            if (n < 0) {
                markClosed();
            }
        } catch (IOException e) {
            markClosed();
        }
        return closed;
    }

    private void markClosed() {
        closed = true;
        closedAt = System.nanoTime();
    }

    /** When {@link #closedByPeer()} first saw the close, in {@link System#nanoTime()}. */
    long closedAt() {
        return closedAt;
    }

    /** Everything received so far (call {@link #closedByPeer()} first to read). */
    String received() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
