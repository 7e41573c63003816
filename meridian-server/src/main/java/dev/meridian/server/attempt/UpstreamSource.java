package dev.meridian.server.attempt;

import dev.meridian.server.pipeline.StreamSource;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * A provider's live stream: its first bytes (already received, the response paused after them), then the rest as
 * it arrives. Keeps the exchange's idle timer told of progress and of pauses for a slow caller.
 */
final class UpstreamSource implements StreamSource {

    private final UpstreamExchange exchange;
    private final Buffer first;
    private boolean paused;
    private boolean stopped;

    UpstreamSource(UpstreamExchange exchange, Buffer first) {
        this.exchange = exchange;
        this.first = first;
    }

    @Override
    public void start(Handler<Buffer> onChunk, Handler<Void> onEnd, Handler<Throwable> onError) {
        HttpClientResponse in = exchange.response();
        in.handler(chunk -> {
            if (!stopped) {
                exchange.touch();
                onChunk.handle(chunk);
            }
        });
        in.exceptionHandler(err -> {
            if (!stopped) {
                stopped = true;
                onError.handle(exchange.failure(err, true));
            }
        });
        in.endHandler(v -> {
            if (!stopped) {
                stopped = true;
                exchange.finish();
                onEnd.handle(null);
            }
        });
        exchange.touch();
        onChunk.handle(first);
        if (!stopped && !paused) {
            in.resume();
        }
    }

    @Override
    public void pause() {
        paused = true;
        exchange.response().pause();
        exchange.paused(true);
    }

    @Override
    public void resume() {
        paused = false;
        exchange.paused(false);
        exchange.response().resume();
    }

    @Override
    public void abort() {
        stopped = true;
        exchange.abort();
    }
}
