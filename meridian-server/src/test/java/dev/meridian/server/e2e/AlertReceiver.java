package dev.meridian.server.e2e;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local webhook receiver on its own Vert.x: records every POST (headers and raw body) and answers with the statuses
 * it was told, then 200. It can stop and listen again on the same port, to play a receiver that is down.
 */
final class AlertReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, MultiMap headers, byte[] body, int status) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> statuses = new HashMap<>();
    private HttpServer server;
    private int port;

    /** A receiver listening on a free port. */
    static AlertReceiver start() {
        AlertReceiver r = new AlertReceiver();
        r.listen(0);
        return r;
    }

    /** A receiver that has a port but does not listen yet ({@link #listen()} opens it). */
    static AlertReceiver down() {
        AlertReceiver r = start();
        r.stop();
        return r;
    }

    /** The next answers to requests for {@code path}, in order; 200 after them. */
    synchronized AlertReceiver answering(String path, Integer... codes) {
        statuses.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(codes));
        return this;
    }

    void listen() {
        listen(port);
    }

    private void listen(int at) {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    int status = next(request.path());
                    received.add(new Received(
                            request.path(),
                            MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                            body.getBytes(),
                            status));
                    request.response().setStatusCode(status).end("ok");
                }))
                .listen(at, "127.0.0.1")
                .await();
        port = server.actualPort();
    }

    void stop() {
        server.close().await();
    }

    private synchronized int next(String path) {
        Deque<Integer> codes = statuses.get(path);
        Integer code = codes == null ? null : codes.poll();
        return code == null ? 200 : code;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests for {@code path}, in order, whatever they were answered. */
    List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
