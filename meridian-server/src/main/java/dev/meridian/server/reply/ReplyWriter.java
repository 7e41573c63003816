package dev.meridian.server.reply;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.pricing.Usd;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the pipeline's answer to the caller, in the protocol of the door it came through, and reports the
 * finished request to accounting exactly once. Errors are rendered here and nowhere else; streams are relayed by
 * {@link StreamRelay}. Nothing on the request path calls the writer: it is handed the pipeline's result.
 */
public final class ReplyWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);

    private final Consumer<RequestContext> accounting;
    private final Consumer<RequestContext> discount;

    /** A writer that bills every request at list cost. */
    public ReplyWriter(Consumer<RequestContext> accounting) {
        this(accounting, ctx -> {});
    }

    /**
     * @param accounting called once per request when its answer is complete (or abandoned), just before the
     *                   answer's last bytes are written: an answer that reached its caller has been accounted
     * @param discount   decides the request's volume discount ({@link RequestContext#discountRate(double)}) unless
     *                   decided already; called before the answer's cost is shown and before accounting
     */
    public ReplyWriter(Consumer<RequestContext> accounting, Consumer<RequestContext> discount) {
        this.accounting = accounting;
        this.discount = discount;
    }

    public void write(RequestContext ctx, AsyncResult<Reply> result) {
        HttpServerResponse out = ctx.caller().response();
        if (result.failed()) {
            writeError(ctx, Failures.asGatewayError(result.cause()));
            return;
        }
        Reply reply = result.result();
        if (reply instanceof Reply.Complete c) {
            out.setStatusCode(c.status());
            headers(ctx, out, c.headers());
            out.putHeader("content-type", "application/json");
            if (ctx.served() != null && c.usage() != null) {
                Double cost = ctx.served().cost(c.usage());
                out.putHeader("x-meridian-cost-usd", cost == null ? "0" : Usd.format(cost));
                decideDiscount(ctx);
                if (cost != null && ctx.discountRate() > 0) {
                    // Only when a discount applies: the list cost above is what budgets count.
                    out.putHeader("x-meridian-billed-cost-usd", Usd.format(ctx.billed(cost)));
                }
            }
            ctx.timings().callerFirstByte(System.nanoTime());
            String kept = ctx.principal() != null && ctx.principal().storeBodies()
                    ? c.body().toString(StandardCharsets.UTF_8)
                    : null;
            // Accounted before the answer leaves: a request whose answer reached the caller is in the log.
            done(ctx, new RequestContext.Outcome(c.status(), c.usage(), c.model(), null, kept));
            out.end(c.body());
        } else if (reply instanceof Reply.Streaming s) {
            new StreamRelay(this, ctx, s).start();
        }
    }

    /** Answers with an error before anything else was written. */
    public void writeError(RequestContext ctx, GatewayException e) {
        HttpServerResponse out = ctx.caller().response();
        logForOperators(ctx, e);
        if (out.closed() || out.ended()) {
            // Whatever the gateway would have answered, the request ended because the caller left.
            GatewayException left = e.code() == ErrorCode.CLIENT_CLOSED
                    ? e
                    : GatewayException.of(ErrorCode.CLIENT_CLOSED, "The caller closed the connection.");
            done(ctx, new RequestContext.Outcome(499, null, null, left, null));
            return;
        }
        int status = ctx.door().errorStatus(e);
        out.setStatusCode(status);
        headers(ctx, out, Map.of());
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
                && ctx.caller().request().version() != HttpVersion.HTTP_2;
        if (closeConnection) {
            out.putHeader("connection", "close");
        }
        ctx.timings().callerFirstByte(System.nanoTime());
        done(ctx, new RequestContext.Outcome(status, null, null, e, null));
        out.end(Buffer.buffer(ctx.door().encodeError(e))).onComplete(ar -> {
            if (closeConnection) {
                ctx.caller().request().connection().close();
            }
        });
    }

    /** Misconfiguration must reach whoever runs the gateway, with the provider's own words. */
    static void logForOperators(RequestContext ctx, GatewayException e) {
        if (e.code() == ErrorCode.UPSTREAM_CONFIGURATION || e.code() == ErrorCode.UPSTREAM_NOT_FOUND) {
            LOG.warn(
                    "request {}: {}{}",
                    ctx.requestId(),
                    e.getMessage(),
                    e.getCause() == null
                            ? ""
                            : " Provider said: " + e.getCause().getMessage());
        }
    }

    /** The request id, the answer's own headers, then what routing decided. */
    static void headers(RequestContext ctx, HttpServerResponse out, Map<String, String> headers) {
        out.putHeader("x-request-id", ctx.requestId());
        if (ctx.clientRequestId() != null) {
            out.putHeader("x-client-request-id", ctx.clientRequestId());
        }
        headers.forEach(out::putHeader);
        if (ctx.residencyRule() != null) {
            out.putHeader("x-meridian-residency", ctx.residencyRule());
        }
        if (ctx.plan() != null) {
            ctx.plan().headers(out::putHeader);
        }
        if (ctx.trace() != null) {
            ctx.trace().headers(out::putHeader);
        }
        if (ctx.rateLimits() != null) {
            ctx.rateLimits().headers(out::putHeader);
        }
        if (ctx.cache() != null) {
            out.putHeader("x-meridian-cache", ctx.cache().status().header());
            if (ctx.cache().hit()) {
                out.putHeader("x-meridian-cache-age", Long.toString(ctx.cache().ageSeconds()));
                if (ctx.cache().semantic()) {
                    out.putHeader(
                            "x-meridian-cache-similarity",
                            String.format(
                                    java.util.Locale.ROOT, "%.4f", ctx.cache().similarity()));
                }
                out.putHeader("x-meridian-cost-usd", "0");
            }
        }
    }

    /** The request is over: its outcome recorded, what waited for it run, accounting told. Once per request. */
    void done(RequestContext ctx, RequestContext.Outcome outcome) {
        try {
            ctx.finish(outcome, System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("completion failed for request {}", ctx.requestId(), e);
        }
        decideDiscount(ctx);
        try {
            accounting.accept(ctx);
        } catch (RuntimeException e) {
            LOG.error("accounting failed for request {}", ctx.requestId(), e);
        }
    }

    /** A request whose discount cannot be decided is billed at list cost, never lost. */
    private void decideDiscount(RequestContext ctx) {
        try {
            discount.accept(ctx);
        } catch (RuntimeException e) {
            LOG.error("the volume discount of request {} could not be decided", ctx.requestId(), e);
        }
    }
}
