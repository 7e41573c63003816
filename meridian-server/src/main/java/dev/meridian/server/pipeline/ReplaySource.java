package dev.meridian.server.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A stream replayed from memory (a cached answer, say): the chunks in order, as fast as the caller reads them.
 * A pause stops delivery between chunks; a resume continues on the request's context, never re-entering the
 * writer. Confined to {@code context}.
 */
public final class ReplaySource implements StreamSource {

    private final Context context;
    private final List<Buffer> chunks;
    private Handler<Buffer> onChunk;
    private Handler<Void> onEnd;
    private int next;
    private boolean paused;
    private boolean stopped;

    public ReplaySource(Context context, List<Buffer> chunks) {
        this.context = context;
        this.chunks = List.copyOf(chunks);
    }

    @Override
    public void start(Handler<Buffer> onChunk, Handler<Void> onEnd, Handler<Throwable> onError) {
        this.onChunk = onChunk;
        this.onEnd = onEnd;
        deliver();
    }

    private void deliver() {
        while (!paused && !stopped && next < chunks.size()) {
            onChunk.handle(chunks.get(next++));
        }
        if (!paused && !stopped) {
            stopped = true;
            onEnd.handle(null);
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            context.runOnContext(v -> deliver());
        }
    }

    @Override
    public void abort() {
        stopped = true;
    }
}
