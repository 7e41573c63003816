package dev.meridian.server.metrics;

import dev.meridian.server.logging.AsyncLineAppender;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Timings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code meridian.access} logger: who (key name, tenant id, key id), what was asked
 * and served, status, latencies and tokens; admin API calls too. Never a key, a credential or a prompt or
 * completion body.
 *
 * <p>The event loop encodes the line (about 1.7 µs, its values still in that core's cache) and hands the bytes to the
 * gateway's {@link AsyncLineAppender}, which writes them in batches on its own thread. Formatting there instead, from
 * the objects the event loop made, cost that thread 4-6 µs per line under load, nearly all of it reading them from
 * the other core. Lines the appender drops because its queue is full are counted in
 * {@code meridian_access_log_dropped_total}.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("meridian.access");

    private final boolean enabled;

    public AccessLog(boolean enabled, MeterRegistry registry) {
        this.enabled = enabled && LOG.isInfoEnabled();
        FunctionCounter.builder("meridian_access_log_dropped", LOG, AccessLog::dropped)
                .description("Access-log lines dropped because the log's queue was full (the event loop never waits)")
                .register(registry);
    }

    /** Logs the request's line. Called on its event loop; never waits for I/O. */
    public void log(RequestContext ctx) {
        if (enabled) {
            LOG.info("{}", line(ctx).encoded());
        }
    }

    static AccessLogLine line(RequestContext ctx) {
        var request = ctx.caller().request();
        var outcome = ctx.outcome();
        var served = ctx.served();
        Timings t = ctx.timings();
        return new AccessLogLine(
                Instant.now(),
                ctx.requestId(),
                request.method().name(),
                request.path(),
                outcome.status(),
                ctx.operation().metricName(),
                ctx.principal() == null ? null : ctx.principal().keyName(),
                ctx.principal() == null ? null : ctx.principal().tenantId(),
                ctx.principal() == null ? null : ctx.principal().keyId(),
                ctx.model(),
                served == null ? null : served.route().provider().name(),
                served == null ? null : served.route().upstreamModel(),
                outcome.servedModel(),
                ctx.clientRequestId(),
                served == null ? null : served.group(),
                served == null ? null : served.deployment(),
                ctx.trace(),
                ctx.stream(),
                served != null && served.passThrough(),
                t.end() - t.start(),
                t.firstToken() > 0 ? t.firstToken() - t.start() : -1,
                t.upstreamSent() > 0 && t.upstreamHead() > 0 ? t.upstreamHead() - t.upstreamSent() : -1,
                outcome.usage(),
                outcome.usageEstimated(),
                outcome.error() == null ? null : outcome.error().code().openAiCode(),
                outcome.error() == null ? null : outcome.error().provider(),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("user-agent"));
    }

    /**
     * Logs an admin API call once its answer is written: method, path (ids only; no query, no body), status,
     * duration and client, with {@code operation} "admin". Never the admin key, a created key's secret or a body.
     */
    public void admin(HttpServerRequest request, long startNanos) {
        if (!enabled) {
            return;
        }
        HttpServerResponse response = request.response();
        LOG.info(
                "{}",
                AccessLogLine.admin(
                                response.headers().get("x-request-id"),
                                request.method().name(),
                                request.path(),
                                response.getStatusCode(),
                                System.nanoTime() - startNanos,
                                request.remoteAddress() == null
                                        ? null
                                        : request.remoteAddress().hostAddress(),
                                request.getHeader("user-agent"))
                        .encoded());
    }

    /** Lines dropped by the {@link AsyncLineAppender}s of the access logger (none under another logback setup). */
    static double dropped(Logger logger) {
        long dropped = 0;
        if (logger instanceof ch.qos.logback.classic.Logger logback) {
            for (Iterator<?> it = logback.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof AsyncLineAppender appender) {
                    dropped += appender.dropped();
                }
            }
        }
        return dropped;
    }
}
