package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the pipeline's answer to the caller, in the caller's protocol, and reports the finished request to
 * accounting exactly once. Errors are rendered here and nowhere else. A stream is relayed event by event
 * with backpressure (the provider is paused while the caller cannot keep up); a failure after the stream
 * started ends it with an error event and closes it; a caller who goes away resets the provider request.
 */
public final class ReplyWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);

    private final Consumer<RequestContext> accounting;

    /**
     * @param accounting called once per request when its answer is complete (or abandoned), just before the
     *                   answer's last bytes are written: an answer that reached its caller has been accounted
     */
    public ReplyWriter(Consumer<RequestContext> accounting) {
        this.accounting = accounting;
    }

    public void write(RequestContext ctx, AsyncResult<Reply> result) {
        HttpServerResponse out = ctx.request().response();
        if (result.failed()) {
            writeError(ctx, out, asGatewayError(result.cause()));
            return;
        }
        Reply reply = result.result();
        if (reply instanceof Reply.Complete c) {
            out.setStatusCode(c.status());
            common(ctx, out, c.headers());
            out.putHeader("content-type", "application/json");
            ctx.callerFirstByteNanos = System.nanoTime();
            if (ctx.principal != null && ctx.principal.storeBodies()) {
                ctx.completionBody = c.body().toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            // Accounted before the answer leaves: a request whose answer reached the caller is in the log.
            done(ctx, c.status());
            out.end(c.body());
        } else if (reply instanceof Reply.Streaming s) {
            relay(ctx, out, s);
        }
    }

    /** Answers with an error before anything else was written. */
    public void writeError(RequestContext ctx, HttpServerResponse out, GatewayException e) {
        ctx.error = e;
        logForOperators(ctx, e);
        if (out.closed() || out.ended()) {
            done(ctx, 499);
            return;
        }
        out.setStatusCode(e.status());
        common(ctx, out, Map.of());
        out.putHeader("content-type", "application/json");
        if (e.retryAfter() != null) {
            out.putHeader("retry-after", e.retryAfter());
        }
        if (e.code() == ErrorCode.INVALID_API_KEY) {
            out.putHeader("www-authenticate", "Bearer");
        }
        // An HTTP/1.x body that was not read cannot be skipped: close the connection. HTTP/2 streams are
        // independent, so only this one ends.
        boolean closeConnection = e.code() == ErrorCode.REQUEST_TOO_LARGE
                && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2;
        if (closeConnection) {
            out.putHeader("connection", "close");
        }
        ctx.callerFirstByteNanos = System.nanoTime();
        done(ctx, e.status());
        out.end(Buffer.buffer(OpenAiErrors.encode(e))).onComplete(ar -> {
            if (closeConnection) {
                ctx.request().connection().close();
            }
        });
    }

    private void relay(RequestContext ctx, HttpServerResponse out, Reply.Streaming s) {
        UpstreamExchange exchange = s.exchange();
        HttpClientResponse in = exchange.response();
        StreamTranslator translator = s.translator();
        if (out.closed()) {
            // The caller left while the provider was getting ready: nobody would read this stream.
            exchange.abort();
            ctx.error = GatewayException.of(ErrorCode.INTERNAL, "caller closed the connection before the stream");
            done(ctx, 499);
            return;
        }
        out.setStatusCode(200);
        common(ctx, out, s.headers());
        out.putHeader("content-type", "text/event-stream; charset=utf-8");
        out.putHeader("cache-control", "no-cache");
        out.putHeader("x-accel-buffering", "no");
        out.setChunked(true);
        StreamState state = new StreamState();
        out.closeHandler(v -> {
            if (!state.ended) {
                state.ended = true;
                exchange.abort();
                ctx.usage = translator.usage();
                ctx.servedModel = translator.model();
                ctx.error = GatewayException.of(ErrorCode.INTERNAL, "caller closed the stream");
                done(ctx, 499);
            }
        });
        Handler<Buffer> onChunk = chunk -> {
            if (state.ended) {
                return;
            }
            exchange.touch();
            Buffer batch = Buffer.buffer(chunk.length() + 64);
            try {
                translator.onBytes(chunk.getBytes(), batch::appendBytes);
            } catch (GatewayException e) {
                flush(ctx, out, translator, batch);
                fail(ctx, out, exchange, translator, state, e);
                return;
            }
            flush(ctx, out, translator, batch);
            if (out.writeQueueFull()) {
                in.pause();
                exchange.paused(true);
                out.drainHandler(v -> {
                    exchange.paused(false);
                    in.resume();
                });
            }
        };
        in.handler(onChunk);
        in.exceptionHandler(err -> fail(ctx, out, exchange, translator, state, exchange.failure(err, true)));
        in.endHandler(v -> {
            if (state.ended) {
                return;
            }
            exchange.finish();
            Buffer tail = Buffer.buffer(64);
            try {
                translator.onEnd(tail::appendBytes);
            } catch (GatewayException e) {
                flush(ctx, out, translator, tail);
                fail(ctx, out, exchange, translator, state, e);
                return;
            }
            state.ended = true;
            flush(ctx, out, translator, tail);
            ctx.usage = translator.usage();
            ctx.servedModel = translator.model();
            done(ctx, 200);
            out.end();
        });
        onChunk.handle(s.first());
        if (!state.ended && !out.writeQueueFull()) {
            in.resume();
        }
    }

    private static void flush(RequestContext ctx, HttpServerResponse out, StreamTranslator translator, Buffer batch) {
        if (batch.length() == 0 || out.closed()) {
            return;
        }
        long now = System.nanoTime();
        if (ctx.callerFirstByteNanos == 0) {
            ctx.callerFirstByteNanos = now;
        }
        if (ctx.firstTokenNanos == 0 && translator.contentStarted()) {
            ctx.firstTokenNanos = now;
        }
        if (ctx.principal != null && ctx.principal.storeBodies()) {
            ctx.keepCompletion(batch);
        }
        out.write(batch);
    }

    private void fail(RequestContext ctx, HttpServerResponse out, UpstreamExchange exchange, StreamTranslator translator,
                      StreamState state, GatewayException e) {
        if (state.ended) {
            return;
        }
        state.ended = true;
        exchange.abort();
        ctx.error = e;
        logForOperators(ctx, e);
        ctx.usage = translator.usage();
        ctx.servedModel = translator.model();
        done(ctx, 200);
        if (!out.closed()) {
            out.write(Buffer.buffer(translator.error(e)));
            out.end();
        }
    }

    /** Misconfiguration must reach whoever runs the gateway, with the provider's own words. */
    private static void logForOperators(RequestContext ctx, GatewayException e) {
        if (e.code() == ErrorCode.UPSTREAM_CONFIGURATION) {
            LOG.warn("request {}: {}{}", ctx.requestId(), e.getMessage(),
                    e.getCause() == null ? "" : " Provider said: " + e.getCause().getMessage());
        }
    }

    private void common(RequestContext ctx, HttpServerResponse out, Map<String, String> headers) {
        out.putHeader("x-request-id", ctx.requestId());
        headers.forEach(out::putHeader);
        ctx.responseHeaders.forEach(out::putHeader);
    }

    private void done(RequestContext ctx, int status) {
        ctx.status = status;
        ctx.endNanos = System.nanoTime();
        try {
            ctx.runCompletions();
        } catch (RuntimeException e) {
            LOG.error("completion failed for request {}", ctx.requestId(), e);
        }
        try {
            accounting.accept(ctx);
        } catch (RuntimeException e) {
            LOG.error("accounting failed for request {}", ctx.requestId(), e);
        }
    }

    static GatewayException asGatewayError(Throwable t) {
        if (t instanceof GatewayException g) {
            return g;
        }
        LOG.error("unexpected failure", t);
        return GatewayException.builder(ErrorCode.INTERNAL, "The gateway failed to process the request.")
                .cause(t).build();
    }

    private static final class StreamState {
        boolean ended;
    }
}
