package dev.meridian.server.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.server.pipeline.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;

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
            g.writeStringField("method", ctx.request().method().name());
            g.writeStringField("path", ctx.request().path());
            g.writeNumberField("status", ctx.status);
            g.writeStringField("operation", ctx.operation().metricName());
            field(g, "key", ctx.principal == null ? null : ctx.principal.keyName());
            field(g, "model", ctx.model);
            if (ctx.route != null) {
                g.writeStringField("provider", ctx.route.provider().name());
                g.writeStringField("upstream_model", ctx.route.upstreamModel());
            }
            field(g, "served_model", ctx.servedModel);
            field(g, "client_request_id", ctx.responseHeaders.get("x-client-request-id"));
            field(g, "model_group", ctx.servedGroup);
            field(g, "deployment", ctx.deployment);
            if (ctx.attempts > 0) {
                g.writeNumberField("attempts", ctx.attempts);
            }
            field(g, "attempt_trace", ctx.responseHeaders.get("x-meridian-attempt-trace"));
            field(g, "fallback", ctx.responseHeaders.get("x-meridian-fallback"));
            g.writeBooleanField("stream", ctx.stream);
            g.writeBooleanField("pass_through", ctx.passThrough);
            millis(g, "duration_ms", ctx.endNanos - ctx.startNanos());
            if (ctx.firstTokenNanos > 0) {
                millis(g, "ttft_ms", ctx.firstTokenNanos - ctx.startNanos());
            }
            if (ctx.upstreamSentNanos > 0 && ctx.upstreamHeadNanos > 0) {
                millis(g, "upstream_head_ms", ctx.upstreamHeadNanos - ctx.upstreamSentNanos);
            }
            Usage u = ctx.usage;
            if (u != null) {
                g.writeNumberField("input_tokens", u.inputTokens());
                g.writeNumberField("output_tokens", u.outputTokens());
                g.writeNumberField("cached_input_tokens", u.cachedInputTokens());
                g.writeNumberField("cache_write_tokens", u.cacheWriteTokens());
                g.writeNumberField("reasoning_tokens", u.reasoningTokens());
            }
            if (ctx.error != null) {
                g.writeStringField("error_code", ctx.error.code().openAiCode());
                field(g, "error_provider", ctx.error.provider());
            }
            field(g, "client", ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress());
            field(g, "user_agent", ctx.request().getHeader("user-agent"));
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
