package dev.meridian.server.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.server.logging.EncodedLine;
import dev.meridian.server.logging.IsoInstant;
import dev.meridian.server.logging.LineWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What the access log says about one request, and its JSON line ({@link #writeLine}, {@link #encoded()}). Times are in
 * nanoseconds, negative when unknown; null fields are left out of the line.
 */
record AccessLogLine(
        Instant ts,
        String requestId,
        String method,
        String path,
        int status,
        String operation,
        String key,
        String tenantId,
        String keyId,
        String model,
        String provider,
        String upstreamModel,
        String servedModel,
        String clientRequestId,
        String modelGroup,
        String deployment,
        RoutingTrace trace,
        boolean stream,
        boolean passThrough,
        long durationNanos,
        long ttftNanos,
        long upstreamHeadNanos,
        Usage usage,
        boolean usageEstimated,
        String errorCode,
        String errorProvider,
        String client,
        String userAgent)
        implements LineWriter {

    /** An admin API call's line: who asked what and how it ended, nothing of the gateway's routing. */
    static AccessLogLine admin(
            String requestId,
            String method,
            String path,
            int status,
            long durationNanos,
            String client,
            String userAgent) {
        return new AccessLogLine(
                Instant.now(),
                requestId,
                method,
                path,
                status,
                "admin",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                durationNanos,
                -1,
                -1,
                null,
                false,
                null,
                null,
                client,
                userAgent);
    }

    /** The JSON line, without its line end. */
    @Override
    public String toString() {
        return encoded().toString();
    }

    /** The JSON line in UTF-8 now, on the calling thread, for an appender on another thread to copy. */
    EncodedLine encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try {
            writeLine(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EncodedLine(out.toByteArray());
    }

    /** The JSON line in UTF-8, without its line end, straight into the access log's buffer. */
    @Override
    public void writeLine(OutputStream out) throws IOException {
        try (JsonGenerator g =
                Json.RECORD_FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartObject();
            g.writeStringField("ts", IsoInstant.format(ts));
            g.writeStringField("request_id", requestId);
            g.writeStringField("method", method);
            g.writeStringField("path", path);
            g.writeNumberField("status", status);
            g.writeStringField("operation", operation);
            field(g, "key", key);
            field(g, "tenant_id", tenantId);
            field(g, "key_id", keyId);
            field(g, "model", model);
            field(g, "provider", provider);
            field(g, "upstream_model", upstreamModel);
            field(g, "served_model", servedModel);
            field(g, "client_request_id", clientRequestId);
            field(g, "model_group", modelGroup);
            field(g, "deployment", deployment);
            if (trace != null && trace.attempts() > 0) {
                g.writeNumberField("attempts", trace.attempts());
            }
            field(g, "attempt_trace", trace == null ? null : trace.attemptTrace());
            field(g, "fallback", trace == null ? null : trace.fallbackReason());
            g.writeBooleanField("stream", stream);
            g.writeBooleanField("pass_through", passThrough);
            millis(g, "duration_ms", durationNanos);
            if (ttftNanos >= 0) {
                millis(g, "ttft_ms", ttftNanos);
            }
            if (upstreamHeadNanos >= 0) {
                millis(g, "upstream_head_ms", upstreamHeadNanos);
            }
            if (usage != null) {
                g.writeNumberField("input_tokens", usage.inputTokens());
                g.writeNumberField("output_tokens", usage.outputTokens());
                g.writeNumberField("cached_input_tokens", usage.cachedInputTokens());
                g.writeNumberField("cache_write_tokens", usage.cacheWriteTokens());
                g.writeNumberField("reasoning_tokens", usage.reasoningTokens());
                if (usageEstimated) {
                    g.writeBooleanField("usage_estimated", true);
                }
            }
            if (errorCode != null) {
                g.writeStringField("error_code", errorCode);
                field(g, "error_provider", errorProvider);
            }
            field(g, "client", client);
            field(g, "user_agent", userAgent);
            g.writeEndObject();
        }
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
