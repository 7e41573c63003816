package dev.meridian.server.tracing;

import dev.meridian.server.attempt.CallTracing;
import dev.meridian.server.config.TelemetryConfig;
import dev.meridian.server.pipeline.Pipeline;

/**
 * The gateway's traces, decided once at start: {@link #NOOP} when {@code telemetry.traces.enabled} is false, so
 * that the pipeline is built without a tracing wrapper and the attempt loop without a call tracer, and no
 * OpenTelemetry class is loaded; else an OpenTelemetry SDK exporting over OTLP/HTTP ({@link OtelTracing}).
 */
public interface Tracing extends AutoCloseable {

    Tracing NOOP = new Tracing() {
        @Override
        public Pipeline.Assembly assembly() {
            return Pipeline.Assembly.PLAIN;
        }

        @Override
        public CallTracing calls() {
            return CallTracing.NONE;
        }

        @Override
        public void close() {}
    };

    static Tracing of(TelemetryConfig.Traces config) {
        return config.enabled() ? OtelTracing.start(config) : NOOP;
    }

    /** How the request pipeline's stages are put together: as they are, or each in its span. */
    Pipeline.Assembly assembly();

    /** The span of each call to a provider, and the trace context sent with it. */
    CallTracing calls();

    /** Sends the spans still queued (within the export timeout) and stops the exporter. Blocks. */
    @Override
    void close();
}
