package dev.meridian.server.reply;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.tokens.StreamUsage;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.StreamSource;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Relays one stream to its caller, whatever its source: the translator turns each chunk into caller events, all
 * events of one chunk go out in one write, the source is paused while the caller's socket is full, a failure
 * after the first byte ends the stream with an error event in the caller's protocol, and a caller who leaves
 * stops the source. Owns the request from its first byte to its last. Confined to the request's event loop.
 */
final class StreamRelay {

    /** The most of an answer kept for the request log (1 MiB); the rest is cut and marked. */
    private static final int MAX_KEPT = 1 << 20;

    private final ReplyWriter writer;
    private final RequestContext ctx;
    private final HttpServerResponse out;
    private final StreamSource source;
    private final StreamTranslator translator;
    private final Map<String, String> headers;
    private final boolean keep;
    private StringBuilder kept;
    private boolean ended;
    /** The provider's stream ended as its protocol ends a complete answer. */
    private boolean completed;

    StreamRelay(ReplyWriter writer, RequestContext ctx, Reply.Streaming reply) {
        this.writer = writer;
        this.ctx = ctx;
        this.out = ctx.caller().response();
        this.source = reply.source();
        this.translator = reply.translator();
        this.headers = reply.headers();
        this.keep = ctx.principal() != null && ctx.principal().storeBodies();
    }

    void start() {
        if (ctx.caller().gone()) {
            // The caller left while the provider was getting ready: nobody would read this stream.
            source.abort();
            ended = true;
            writer.done(
                    ctx,
                    outcome(
                            499,
                            GatewayException.of(
                                    ErrorCode.CLIENT_CLOSED, "The caller closed the connection before the stream.")));
            return;
        }
        out.setStatusCode(200);
        ReplyWriter.headers(ctx, out, headers);
        out.putHeader("content-type", "text/event-stream; charset=utf-8");
        out.putHeader("cache-control", "no-cache");
        out.putHeader("x-accel-buffering", "no");
        out.setChunked(true);
        ctx.caller().onLeave(this::callerLeft);
        source.start(this::onChunk, v -> onEnd(), err -> fail(Failures.asGatewayError(err)));
    }

    private void callerLeft() {
        if (!ended) {
            ended = true;
            source.abort();
            writer.done(
                    ctx, outcome(499, GatewayException.of(ErrorCode.CLIENT_CLOSED, "The caller closed the stream.")));
        }
    }

    private void onChunk(Buffer chunk) {
        if (ended) {
            return;
        }
        Buffer batch = Buffer.buffer(chunk.length() + 64);
        try {
            translator.onBytes(chunk.getBytes(), batch::appendBytes);
        } catch (GatewayException e) {
            flush(batch);
            fail(e);
            return;
        }
        flush(batch);
        if (out.writeQueueFull()) {
            source.pause();
            out.drainHandler(v -> source.resume());
        }
    }

    private void onEnd() {
        if (ended) {
            return;
        }
        Buffer tail = Buffer.buffer(64);
        try {
            translator.onEnd(tail::appendBytes);
        } catch (GatewayException e) {
            flush(tail);
            fail(e);
            return;
        }
        ended = true;
        completed = true;
        flush(tail);
        writer.done(ctx, outcome(200, null));
        out.end();
    }

    private void flush(Buffer batch) {
        if (batch.length() == 0 || out.closed()) {
            return;
        }
        long now = System.nanoTime();
        ctx.timings().callerFirstByte(now);
        if (translator.contentStarted()) {
            ctx.timings().firstToken(now);
        }
        if (keep) {
            keep(batch);
        }
        out.write(batch);
    }

    private void fail(GatewayException e) {
        if (ended) {
            return;
        }
        ended = true;
        source.abort();
        ReplyWriter.logForOperators(ctx, e);
        writer.done(ctx, outcome(200, e));
        if (!out.closed()) {
            out.write(Buffer.buffer(translator.error(e)));
            out.end();
        }
    }

    private RequestContext.Outcome outcome(int status, GatewayException error) {
        String model = ctx.served() == null ? null : ctx.served().route().upstreamModel();
        StreamUsage usage = StreamUsage.settle(
                translator.usage(),
                completed,
                translator.meter().delivered(),
                () -> ctx.inbound().canonical(),
                model);
        return new RequestContext.Outcome(
                status,
                usage.usage(),
                usage.estimated(),
                translator.model(),
                error,
                kept == null ? null : kept.toString());
    }

    /** Keeps what the stream sent the caller, as it was sent (the SSE text), for tenants that store bodies. */
    private void keep(Buffer sent) {
        if (kept == null) {
            kept = new StringBuilder(4096);
        }
        int room = MAX_KEPT - kept.length();
        if (room > 0) {
            String text = sent.toString(StandardCharsets.UTF_8);
            kept.append(text, 0, Math.min(room, text.length()));
            if (text.length() > room) {
                kept.append("\n[truncated by Meridian]");
            }
        }
    }
}
