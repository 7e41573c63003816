package dev.meridian.server.tracing;

import dev.meridian.server.attempt.CallTracing;
import dev.meridian.server.config.TelemetryConfig;
import dev.meridian.server.pipeline.Pipeline;
import dev.meridian.server.pipeline.Stage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traces with the OpenTelemetry SDK: a parent-based ratio sampler (a caller's sampled flag is honoured), a batch
 * processor with a bounded queue (spans beyond it are dropped, never waited for), and the OTLP/HTTP exporter on the
 * JDK's HTTP client. The SDK is built here and nowhere registered globally.
 */
final class OtelTracing implements Tracing {

    private static final Logger LOG = LoggerFactory.getLogger(OtelTracing.class);
    static final String SCOPE = "dev.meridian.gateway";

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final TelemetryConfig.Traces config;
    private final CallTracing calls;

    private OtelTracing(SdkTracerProvider provider, TelemetryConfig.Traces config) {
        this.provider = provider;
        this.config = config;
        this.tracer = provider.get(SCOPE);
        this.calls = new OtelCallTracing(tracer, W3CTraceContextPropagator.getInstance());
    }

    static OtelTracing start(TelemetryConfig.Traces config) {
        SdkLog.install();
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.endpoint())
                .setTimeout(config.exportTimeout().toMillis(), TimeUnit.MILLISECONDS);
        for (Map.Entry<String, String> h : config.headers().entrySet()) {
            exporter.addHeader(h.getKey(), h.getValue());
        }
        BatchSpanProcessor batches = BatchSpanProcessor.builder(exporter.build())
                .setMaxQueueSize(config.maxQueueSize())
                .setMaxExportBatchSize(Math.min(512, config.maxQueueSize()))
                .setScheduleDelay(config.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .setExporterTimeout(config.exportTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        Resource resource = Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName())));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())))
                .addSpanProcessor(batches)
                .build();
        LOG.info(
                "traces: exported over OTLP/HTTP to {} as service {}, sampling {} of new traces",
                config.endpoint(),
                config.serviceName(),
                config.sampleRatio());
        return new OtelTracing(provider, config);
    }

    /** The request's server span first, then each stage in its own span, then the attempt loop in one. */
    @Override
    public Pipeline.Assembly assembly() {
        return (stages, terminal) -> {
            List<Stage> traced = new ArrayList<>(stages.size() + 1);
            traced.add(new ServerSpanStage(tracer, W3CTraceContextPropagator.getInstance()));
            for (Stage stage : stages) {
                traced.add(new StageSpan(tracer, stage));
            }
            return new Pipeline(traced, new AttemptsSpan(tracer, terminal));
        };
    }

    @Override
    public CallTracing calls() {
        return calls;
    }

    @Override
    public void close() {
        long millis = config.exportTimeout().toMillis() + 1000;
        if (!provider.shutdown().join(millis, TimeUnit.MILLISECONDS).isSuccess()) {
            LOG.warn("traces: the last spans could not be sent to {} within {} ms", config.endpoint(), millis);
        }
    }
}
