package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/** Blocking helpers for tests that drive Vert.x clients through a {@link LocalProxy}. */
final class Proxied {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Proxied() {}

    /** A whole response, read after it ended. */
    record Reply(int status, String body) {}

    static <T> T await(Future<T> future) {
        try {
            return future.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    static Reply get(HttpClient client, int port, String host, String uri) {
        return await(exchange(client, HttpMethod.GET, port, host, uri, HttpClientRequest::send));
    }

    /** Sends a request and reads the whole reply; {@code sender} writes the body (or none) and ends the request. */
    static Future<Reply> exchange(
            HttpClient client,
            HttpMethod method,
            int port,
            String host,
            String uri,
            Function<HttpClientRequest, Future<HttpClientResponse>> sender) {
        return client.request(method, port, host, uri)
                .compose(sender)
                .compose(response -> response.body().map(body -> new Reply(response.statusCode(), body.toString())));
    }

    /** Streams a response body, handing each piece to {@code onChunk} as it arrives (on an event loop). */
    static int stream(HttpClient client, int port, String host, String uri, Consumer<Buffer> onChunk) {
        return await(client.request(HttpMethod.GET, port, host, uri)
                .compose(HttpClientRequest::send)
                .compose(response -> {
                    response.handler(onChunk::accept);
                    return response.end().map(v -> response.statusCode());
                }));
    }

    /** Waits until every connection the proxy recorded has closed, so byte counts are final. */
    static List<ProxyConnection> awaitAllClosed(LocalProxy proxy) {
        AtomicReference<List<ProxyConnection>> connections = new AtomicReference<>();
        Poll.until(
                () -> {
                    connections.set(proxy.connections());
                    return connections.get().stream().allMatch(ProxyConnection::closed);
                },
                TIMEOUT,
                "every connection the proxy recorded has closed");
        assertThat(connections.get()).allMatch(ProxyConnection::closed, "closed");
        return connections.get();
    }

    /** Pauses for pacing (see {@link RawClient#writeInTinyPieces}); to wait for something, use {@link Poll}. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis); // pacing writes, not waiting for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
