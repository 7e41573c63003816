package dev.meridian.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.server.attempt.CallTracing;
import dev.meridian.server.config.TelemetryConfig;
import dev.meridian.server.pipeline.Pipeline;
import dev.meridian.server.pipeline.RequestPipeline;
import dev.meridian.server.pipeline.Stage;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Traces are decided once, when the pipeline is built: off, the request path is the plain pipeline (no wrapper, no
 * server-span stage, the attempt loop itself as its end) and calls carry nothing; on, every stage is wrapped.
 */
class TracingAssemblyTest {

    private static final Stage.Next ATTEMPTS = ctx -> Future.failedFuture("not called");

    private static Pipeline requestPipeline(Tracing tracing) {
        return RequestPipeline.of(
                null, null, 1 << 20, null, null, null, null, null, null, null, ATTEMPTS, ctx -> {}, tracing.assembly());
    }

    @Test
    void tracesAreOffByDefault_andOffIsTheNoop() {
        assertThat(TelemetryConfig.defaults().traces().enabled()).isFalse();
        assertThat(Tracing.of(TelemetryConfig.defaults().traces())).isSameAs(Tracing.NOOP);
    }

    @Test
    void withTracesOff_thePipelineIsThePlainStages_andTheAttemptLoopItself() {
        Pipeline pipeline = requestPipeline(Tracing.NOOP);

        assertThat(pipeline.terminal()).isSameAs(ATTEMPTS);
        assertThat(pipeline.stages())
                .hasSize(11)
                .allSatisfy(stage ->
                        assertThat(stage.getClass().getPackageName()).isEqualTo("dev.meridian.server.pipeline"));
        assertThat(pipeline.stages())
                .noneMatch(s -> s instanceof StageSpan)
                .noneMatch(s -> s instanceof ServerSpanStage);
    }

    @Test
    void withTracesOff_callsCarryTheRequestAsBuilt() {
        assertThat(Tracing.NOOP.calls()).isSameAs(CallTracing.NONE);
        CallTracing.Span span = CallTracing.NONE.start(null, null, null);
        UpstreamRequest request =
                new UpstreamRequest("POST", "/chat", Map.of("authorization", "x"), new byte[0], false);
        assertThat(span).isSameAs(CallTracing.Span.NONE);
        assertThat(span.propagate(request)).isSameAs(request);
    }

    @Test
    void withTracesOn_theServerSpanComesFirst_thenEveryStageInItsSpan_thenTheAttemptLoopInOne() {
        TelemetryConfig.Traces on = new TelemetryConfig.Traces(
                true,
                "http://127.0.0.1:9/v1/traces",
                "meridian",
                1.0,
                Map.of(),
                16,
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(100));
        try (Tracing tracing = Tracing.of(on)) {
            Pipeline plain = requestPipeline(Tracing.NOOP);
            Pipeline traced = requestPipeline(tracing);

            assertThat(traced.stages().get(0)).isInstanceOf(ServerSpanStage.class);
            List<Stage> wrapped = traced.stages().subList(1, traced.stages().size());
            assertThat(wrapped).hasSameSizeAs(plain.stages()).allMatch(s -> s instanceof StageSpan);
            assertThat(wrapped.stream().map(s -> ((StageSpan) s).name()))
                    .containsExactly(
                            "authenticate",
                            "read_body",
                            "front_door",
                            "access",
                            "conversation",
                            "pii",
                            "residency",
                            "resolve",
                            "decode",
                            "cache",
                            "admission");
            assertThat(traced.terminal()).isInstanceOf(AttemptsSpan.class);
        }
    }
}
