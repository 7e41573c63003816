package dev.meridian.testkit.proxy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SelfSignedCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real HTTP servers on loopback for proxied clients to reach: plain and TLS (self-signed, ALPN h2
 * and http/1.1) on 127.0.0.1, and plain on [::1]. Each answers:
 *
 * <ul>
 *   <li>{@code /hello}: what the server saw, as {@code key=value} words (request target, Host,
 *       whether a Proxy-Authorization reached it, HTTP version);
 *   <li>{@code /digest}: {@code length:sha256} of the request body, read as it streams;
 *   <li>{@code /flood?bytes=N}: N zero bytes, written only as fast as the connection drains;
 *   <li>{@code /hold}: never reads the request body and never answers;
 *   <li>{@code /sse?events=N}: N server-sent events, one write each, spaced by a timer; after the
 *       first it waits for {@link #releaseSse()} when the gate is armed.
 * </ul>
 */
final class TargetServers implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private static final Buffer FLOOD_CHUNK = Buffer.buffer(new byte[64 * 1024]);

    private final AtomicLong floodWritten = new AtomicLong();
    private volatile CompletableFuture<Void> sseGate = CompletableFuture.completedFuture(null);
    private int plainPort;
    private int tlsPort;
    private int ipv6Port;

    static TargetServers start() {
        TargetServers servers = new TargetServers();
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        servers.plainPort = servers.listen(new HttpServerOptions(), "127.0.0.1");
        servers.tlsPort = servers.listen(
                new HttpServerOptions().setSsl(true).setUseAlpn(true).setKeyCertOptions(cert.keyCertOptions()),
                "127.0.0.1");
        servers.ipv6Port = servers.listen(new HttpServerOptions(), "::1");
        return servers;
    }

    int plainPort() {
        return plainPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    int ipv6Port() {
        return ipv6Port;
    }

    /** Bytes every {@code /flood} response has handed to its connection so far. */
    long floodWritten() {
        return floodWritten.get();
    }

    /** Makes the next {@code /sse} responses hold after their first event until {@link #releaseSse()}. */
    void armSseGate() {
        sseGate = new CompletableFuture<>();
    }

    void releaseSse() {
        sseGate.complete(null);
    }

    /** The {@code /sse} body the server sends for {@code events} events. */
    static String sseBody(int events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events; i++) {
            body.append(sseEvent(i));
        }
        return body.toString();
    }

    @Override
    public void close() {
        Proxied.await(vertx.close());
    }

    private int listen(HttpServerOptions options, String host) {
        HttpServer server = vertx.createHttpServer(options).requestHandler(this::handle);
        return Proxied.await(server.listen(0, host)).actualPort();
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/hello" ->
                request.response()
                        .end(String.format(
                                "uri=%s host=%s proxy-authorization=%s version=%s",
                                request.uri(),
                                request.authority(),
                                request.getHeader("Proxy-Authorization") == null ? "absent" : "present",
                                request.version()));
            case "/digest" -> digest(request);
            case "/sse" -> sse(request.response(), Integer.parseInt(request.getParam("events")));
            case "/flood" -> flood(request.response(), Long.parseLong(request.getParam("bytes")));
            case "/hold" -> request.pause(); // never reads the body, never answers
            default -> request.response().setStatusCode(404).end();
        }
    }

    private static void digest(HttpServerRequest request) {
        MessageDigest sha256 = sha256();
        long[] length = {0};
        request.handler(chunk -> {
            sha256.update(chunk.getBytes());
            length[0] += chunk.length();
        });
        request.endHandler(
                v -> request.response().end(length[0] + ":" + HexFormat.of().formatHex(sha256.digest())));
    }

    /** Sends {@code bytes} zero bytes, writing only while the connection accepts more. */
    private void flood(HttpServerResponse response, long bytes) {
        response.putHeader("Content-Length", Long.toString(bytes));
        floodMore(response, bytes);
    }

    private void floodMore(HttpServerResponse response, long remaining) {
        long left = remaining;
        while (left > 0 && !response.writeQueueFull()) {
            int n = (int) Math.min(FLOOD_CHUNK.length(), left);
            response.write(FLOOD_CHUNK.slice(0, n));
            floodWritten.addAndGet(n);
            left -= n;
        }
        if (left == 0) {
            response.end();
        } else {
            long rest = left;
            response.drainHandler(v -> floodMore(response, rest));
        }
    }

    private void sse(HttpServerResponse response, int events) {
        Context context = vertx.getOrCreateContext();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        response.write(sseEvent(0));
        sseGate.whenComplete((v, e) -> context.runOnContext(x -> sendEvents(response, 1, events)));
    }

    private void sendEvents(HttpServerResponse response, int next, int events) {
        if (next == events) {
            response.end();
            return;
        }
        Future<Void> written = response.write(sseEvent(next));
        written.onSuccess(v -> vertx.setTimer(1, id -> sendEvents(response, next + 1, events)));
    }

    private static String sseEvent(int i) {
        return ("id: " + i + "\ndata: {\"event\":" + i + ",\"text\":\"token " + i + "\"}\n\n");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
