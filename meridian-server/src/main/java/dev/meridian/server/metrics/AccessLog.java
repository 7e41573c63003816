package dev.meridian.server.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Timings;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code meridian.access} logger: who, what was asked and served, status,
 * latencies and tokens. Never a key, a credential or a prompt or completion body.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("meridian.access");

    private final boolean enabled;

    public AccessLog(boolean enabled) {
        this.enabled = enabled && LOG.isInfoEnabled();
    }

    public void log(RequestContext ctx) {
        if (!enabled) {
            return;
        }
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ts", Instant.now().toString());
            g.writeStringField("request_id", ctx.requestId());
            var request = ctx.caller().request();
            var outcome = ctx.outcome();
            var served = ctx.served();
            var trace = ctx.trace();
            g.writeStringField("method", request.method().name());
            g.writeStringField("path", request.path());
            g.writeNumberField("status", outcome.status());
            g.writeStringField("operation", ctx.operation().metricName());
            field(g, "key", ctx.principal() == null ? null : ctx.principal().keyName());
            field(g, "model", ctx.model());
            if (served != null) {
                g.writeStringField("provider", served.route().provider().name());
                g.writeStringField("upstream_model", served.route().upstreamModel());
            }
            field(g, "served_model", outcome.servedModel());
            field(g, "client_request_id", ctx.clientRequestId());
            field(g, "model_group", served == null ? null : served.group());
            field(g, "deployment", served == null ? null : served.deployment());
            if (trace != null && trace.attempts() > 0) {
                g.writeNumberField("attempts", trace.attempts());
            }
            field(g, "attempt_trace", trace == null ? null : trace.attemptTrace());
            field(g, "fallback", trace == null ? null : trace.fallbackReason());
            g.writeBooleanField("stream", ctx.stream());
            g.writeBooleanField("pass_through", served != null && served.passThrough());
            Timings t = ctx.timings();
            millis(g, "duration_ms", t.end() - t.start());
            if (t.firstToken() > 0) {
                millis(g, "ttft_ms", t.firstToken() - t.start());
            }
            if (t.upstreamSent() > 0 && t.upstreamHead() > 0) {
                millis(g, "upstream_head_ms", t.upstreamHead() - t.upstreamSent());
            }
            Usage u = outcome.usage();
            if (u != null) {
                g.writeNumberField("input_tokens", u.inputTokens());
                g.writeNumberField("output_tokens", u.outputTokens());
                g.writeNumberField("cached_input_tokens", u.cachedInputTokens());
                g.writeNumberField("cache_write_tokens", u.cacheWriteTokens());
                g.writeNumberField("reasoning_tokens", u.reasoningTokens());
            }
            if (outcome.error() != null) {
                g.writeStringField("error_code", outcome.error().code().openAiCode());
                field(g, "error_provider", outcome.error().provider());
            }
            field(
                    g,
                    "client",
                    request.remoteAddress() == null
                            ? null
                            : request.remoteAddress().hostAddress());
            field(g, "user_agent", request.getHeader("user-agent"));
            g.writeEndObject();
        } catch (IOException e) {
            return;
        }
        LOG.info(out.toString());
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void millis(JsonGenerator g, String name, long nanos) throws IOException {
        g.writeNumberField(name, Math.round(nanos / 10_000.0) / 100.0);
    }
}
