package dev.meridian.server.reply;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.tokens.StreamUsage;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.StreamSource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
            finish(
                    499,
                    GatewayException.of(ErrorCode.CLIENT_CLOSED, "The caller closed the connection before the stream."),
                    () -> {});
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
            finish(499, GatewayException.of(ErrorCode.CLIENT_CLOSED, "The caller closed the stream."), () -> {});
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
        finish(200, null, out::end);
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
        finish(200, e, () -> {
            if (!out.closed()) {
                out.write(Buffer.buffer(translator.error(e)));
                out.end();
            }
        });
    }

    /**
     * Accounts the request, then runs {@code then} (the stream's last bytes, if any): accounted before the answer
     * ends. Usage the provider reported for a complete stream is taken as it is; any other is counted from the
     * request and the text delivered ({@link StreamUsage}) on a worker, since tokenizing can take a second the
     * first time (the encodings load) and must not stall the event loop.
     */
    private void finish(int status, GatewayException error, Runnable then) {
        Usage reported = translator.usage();
        Context context = Vertx.currentContext();
        if (completed && reported != null) {
            writer.done(ctx, outcome(status, error, new StreamUsage(reported, false)));
            then.run();
            return;
        }
        if (context == null) { // not on Vert.x (a test's direct call): count here
            writer.done(ctx, outcome(status, error, settle(reported, decodedRequest())));
            then.run();
            return;
        }
        CanonicalRequest request = decodedRequest();
        context.executeBlocking(() -> settle(reported, request), false).onComplete(ar -> {
            StreamUsage usage = ar.succeeded() ? ar.result() : new StreamUsage(reported, reported == null);
            writer.done(ctx, outcome(status, error, usage));
            then.run();
        });
    }

    private StreamUsage settle(Usage reported, CanonicalRequest request) {
        String model = ctx.served() == null ? null : ctx.served().route().upstreamModel();
        return StreamUsage.settle(reported, completed, translator.meter().delivered(), () -> request, model);
    }

    /** The request as the gateway reads it, for counting its input; null if it does not decode. */
    private CanonicalRequest decodedRequest() {
        try {
            return ctx.inbound() == null ? null : ctx.inbound().canonical();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RequestContext.Outcome outcome(int status, GatewayException error, StreamUsage usage) {
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
