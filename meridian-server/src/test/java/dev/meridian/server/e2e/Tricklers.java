package dev.meridian.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many slow clients on one selector thread. Header tricklers send a request's headers one byte a second, forever;
 * body tricklers send whole headers with a {@code Content-Length}, then one body byte a second for two seconds,
 * then nothing. Connections open over the first second (one a millisecond), as clients arrive rather than in one
 * burst; each connection records when it connected, sent its last byte and saw the gateway close it.
 */
final class Tricklers implements AutoCloseable {

    /** One slow client; fields are written by the selector thread and read once {@link #allClosed()}. */
    static final class Client {
        final boolean body;
        /** When the connect began: the gateway cannot have accepted before. */
        volatile long startedAt;
        /** When the connect was seen complete: the gateway accepts about then (its backlog allowing). */
        volatile long connectedAt;

        volatile long lastByteAt;
        volatile long closedAt;
        private final StringBuilder received = new StringBuilder();
        private SocketChannel channel;
        private int sent;

        Client(boolean body) {
            this.body = body;
        }

        synchronized String received() {
            return received.toString();
        }
    }

    private static final byte[] HEADERS =
            ("POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + GatewayFixture.KEY
                            + "\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
    private static final int BODY_BYTES = 2;

    private final List<Client> clients = new ArrayList<>();
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int closed;

    private final InetSocketAddress gateway;

    private Tricklers(int port, int headerTricklers, int bodyTricklers) throws IOException {
        selector = Selector.open();
        gateway = new InetSocketAddress("127.0.0.1", port);
        for (int i = 0; i < headerTricklers + bodyTricklers; i++) {
            // Alternating, so both kinds arrive throughout the ramp.
            clients.add(new Client(i % 2 == 1));
        }
        thread = new Thread(this::run, "tricklers");
        thread.setDaemon(true);
        thread.start();
    }

    static Tricklers start(int port, int headerTricklers, int bodyTricklers) {
        try {
            return new Tricklers(port, headerTricklers, bodyTricklers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Client> clients() {
        return clients;
    }

    boolean allClosed() {
        return closed == clients.size();
    }

    int closedCount() {
        return closed;
    }

    private void run() {
        ByteBuffer in = ByteBuffer.allocate(8192);
        long start = System.nanoTime();
        long nextTick = start + 1_000_000_000L;
        int opened = 0;
        try {
            while (running) {
                while (opened < clients.size() && System.nanoTime() - start >= opened * 1_000_000L) {
                    open(clients.get(opened++));
                }
                selector.select(opened < clients.size() ? 1 : 20);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isConnectable()) {
                        connected(key, c);
                    } else if (key.isReadable()) {
                        read(key, c, in);
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick += 1_000_000_000L;
                    clients.forEach(this::trickle);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open(Client c) throws IOException {
        c.channel = SocketChannel.open();
        c.channel.configureBlocking(false);
        c.startedAt = System.nanoTime();
        c.channel.connect(gateway);
        c.channel.register(selector, SelectionKey.OP_CONNECT, c);
    }

    private void connected(SelectionKey key, Client c) throws IOException {
        c.channel.finishConnect();
        c.connectedAt = System.nanoTime();
        key.interestOps(SelectionKey.OP_READ);
        if (c.body) {
            write(c, HEADERS);
        }
    }

    private void read(SelectionKey key, Client c, ByteBuffer in) {
        int n;
        try {
            n = c.channel.read(in.clear());
        } catch (IOException e) {
            n = -1;
        }
        if (n > 0) {
            synchronized (c) {
                c.received.append(new String(in.array(), 0, n, StandardCharsets.US_ASCII));
            }
        } else if (n < 0) {
            c.closedAt = System.nanoTime();
            key.cancel();
            closeQuietly(c.channel);
            closed++;
        }
    }

    private void trickle(Client c) {
        if (c.connectedAt == 0 || c.closedAt != 0) {
            return;
        }
        if (!c.body) {
            write(c, new byte[] {HEADERS[c.sent++ % (HEADERS.length - 4)]});
        } else if (c.sent < BODY_BYTES) {
            c.sent++;
            write(c, new byte[] {' '});
        }
    }

    private static void write(Client c, byte[] bytes) {
        try {
            c.channel.write(ByteBuffer.wrap(bytes));
            c.lastByteAt = System.nanoTime();
        } catch (IOException e) {
            // The gateway closed it; the read side records that.
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // a test socket
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.stream().filter(c -> c.channel != null).forEach(c -> closeQuietly(c.channel));
        try {
            selector.close();
        } catch (IOException ignored) {
            // a test selector
        }
    }
}
