package dev.meridian.simulator;

import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.SimResponse;
import dev.meridian.simulator.engine.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SimResponse} to the wire and applies the transport directives: {@code hang}
 * (never answer), {@code delay_ms} (before the headers), {@code retry_after} (header on errors),
 * {@code malformed} (body replaced by broken JSON; in streams, the second event's data),
 * {@code chunk_delay_ms} (between events, each then written on its own) and {@code cut_after} (close
 * the connection after n events, or n body bytes; an HTTP/2 stream is reset instead). Never blocks:
 * delays are timers.
 */
final class ResponseWriter {

    static final String MALFORMED = "{\"id\": \"sim-malformed\", \"choices\": [{\"index\": 0, \"delta";

    private final Vertx vertx;

    ResponseWriter(Vertx vertx) {
        this.vertx = vertx;
    }

    void write(HttpServerRequest request, SimResponse response) {
        Directives directives = response.directives();
        if (directives.hang()) {
            return;
        }
        int delay = directives.delayMs().orElse(0);
        if (delay > 0) {
            vertx.setTimer(delay, timer -> send(request, response));
        } else {
            send(request, response);
        }
    }

    private void send(HttpServerRequest request, SimResponse response) {
        HttpServerResponse out = request.response();
        if (out.closed()) {
            return;
        }
        out.setStatusCode(response.status());
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            out.putHeader(header.getKey(), header.getValue());
        }
        Directives directives = response.directives();
        if (response.status() >= 400 && directives.retryAfterSeconds().isPresent()) {
            out.putHeader(
                    "retry-after",
                    Integer.toString(directives.retryAfterSeconds().getAsInt()));
        }
        if (response instanceof SimResponse.EventStream stream) {
            new Playback(request, stream).start();
        } else {
            sendBody(request, (SimResponse.Body) response);
        }
    }

    private void sendBody(HttpServerRequest request, SimResponse.Body response) {
        HttpServerResponse out = request.response();
        byte[] body = response.directives().malformed() ? MALFORMED.getBytes(StandardCharsets.UTF_8) : response.body();
        if (body.length > 0 && !out.headers().contains("content-type")) {
            out.putHeader("content-type", "application/json");
        }
        if (response.directives().cutAfter().isPresent()) {
            int cut = Math.min(body.length, response.directives().cutAfter().getAsInt());
            out.putHeader("content-length", Integer.toString(body.length));
            out.write(Buffer.buffer(body).getBuffer(0, cut)).onComplete(written -> closeAbruptly(request));
            return;
        }
        out.end(Buffer.buffer(body));
    }

    /** Ends the exchange without a proper end: the client sees a truncated response. */
    private static void closeAbruptly(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.response().reset();
        } else {
            request.connection().close();
        }
    }

    /** Sends one event stream, event by event. */
    private final class Playback {
        private final HttpServerRequest request;
        private final List<SseEvent> events;
        private final SseEvent.Framing framing;
        private final int limit;
        private final int malformedIndex;
        private final long delay;
        private int next;
        private Future<Void> lastWrite;

        Playback(HttpServerRequest request, SimResponse.EventStream stream) {
            this.request = request;
            this.events = stream.events();
            this.framing = stream.framing();
            Directives d = stream.directives();
            this.limit = Math.min(events.size(), d.cutAfter().orElse(Integer.MAX_VALUE));
            this.malformedIndex = d.malformed() ? Math.min(1, events.size() - 1) : -1;
            this.delay = d.chunkDelayMs().orElse(0);
        }

        void start() {
            HttpServerResponse out = request.response();
            out.setChunked(true);
            if (!out.headers().contains("content-type")) {
                out.putHeader("content-type", "text/event-stream; charset=utf-8");
            }
            out.putHeader("cache-control", "no-cache");
            lastWrite = out.writeHead();
            lastWrite.onSuccess(ignored -> step());
        }

        /**
         * Writes the next event, or (without a chunk delay) every remaining event in one buffer: the
         * client still parses separate events, and a benchmark upstream saves a write per event.
         */
        private void step() {
            HttpServerResponse out = request.response();
            if (out.closed()) {
                return;
            }
            if (next >= limit) {
                finish();
                return;
            }
            Buffer buffer = Buffer.buffer();
            do {
                SseEvent event = next == malformedIndex ? events.get(next).withData(MALFORMED) : events.get(next);
                buffer.appendBytes(event.encode(framing));
                next++;
            } while (delay == 0 && next < limit);
            lastWrite = out.write(buffer);
            if (next < limit) {
                vertx.setTimer(delay, timer -> step());
            } else {
                finish();
            }
        }

        private void finish() {
            HttpServerResponse out = request.response();
            if (limit < events.size()) {
                lastWrite.onComplete(written -> closeAbruptly(request));
            } else {
                out.end();
            }
        }
    }
}
