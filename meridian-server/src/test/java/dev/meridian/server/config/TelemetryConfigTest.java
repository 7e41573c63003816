package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code telemetry.traces.*}: the documented defaults, the file's values, and problems naming the key. */
class TelemetryConfigTest {

    private static MeridianConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of("OTLP_TOKEN", "t0ken")::get);
    }

    @Test
    void absent_isTracesOff_withTheDocumentedDefaults() {
        TelemetryConfig.Traces traces = parse("server: {port: 0}\n").telemetry().traces();
        assertThat(traces.enabled()).isFalse();
        assertThat(traces.endpoint()).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(traces.serviceName()).isEqualTo("meridian");
        assertThat(traces.sampleRatio()).isEqualTo(1.0);
        assertThat(traces.headers()).isEmpty();
        assertThat(traces.maxQueueSize()).isEqualTo(2048);
        assertThat(traces.flushInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(traces.exportTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenValues_areRead_withEnvironmentSubstitution() {
        TelemetryConfig.Traces traces = parse("""
                telemetry:
                  traces:
                    enabled: true
                    endpoint: https://otel.example.com/v1/traces
                    serviceName: gateway-eu
                    sampleRatio: 0.25
                    headers: {x-api-key: "${OTLP_TOKEN}"}
                    maxQueueSize: 100
                    flushInterval: 200ms
                """).telemetry().traces();
        assertThat(traces.enabled()).isTrue();
        assertThat(traces.endpoint()).isEqualTo("https://otel.example.com/v1/traces");
        assertThat(traces.serviceName()).isEqualTo("gateway-eu");
        assertThat(traces.sampleRatio()).isEqualTo(0.25);
        assertThat(traces.headers()).containsExactly(Map.entry("x-api-key", "t0ken"));
        assertThat(traces.maxQueueSize()).isEqualTo(100);
        assertThat(traces.flushInterval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aBadEndpoint_aRatioOutsideZeroToOne_andAnEmptyQueue_areProblemsNamingTheKey() {
        assertThat(ConfigProblemsTest.problems("""
                        telemetry:
                          traces:
                            endpoint: "localhost:4318"
                            sampleRatio: 1.5
                            maxQueueSize: 0
                            serviceName: " "
                        """))
                .contains(
                        "telemetry.traces.endpoint: must be an http:// or https:// URL with a host (OTLP/HTTP, e.g."
                                + " http://localhost:4318/v1/traces)",
                        "telemetry.traces.sampleRatio: must be between 0 and 1, got 1.5",
                        "telemetry.traces.maxQueueSize: must be at least 1",
                        "telemetry.traces.serviceName: must not be blank");
    }

    @Test
    void aNegativeRatio_isAProblem_evenWithTracesOff() {
        assertThat(ConfigProblemsTest.problems("telemetry: {traces: {enabled: false, sampleRatio: -0.1}}\n"))
                .contains("telemetry.traces.sampleRatio: must be between 0 and 1, got -0.1");
    }

    @Test
    void anUnknownKey_isRefusedByName() {
        assertThat(ConfigProblemsTest.problems("telemetry: {traces: {enable: true}}\n"))
                .anyMatch(p -> p.contains("telemetry.traces.enable"));
    }
}
