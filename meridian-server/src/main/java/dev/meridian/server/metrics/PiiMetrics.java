package dev.meridian.server.metrics;

import dev.meridian.core.pii.PiiDetections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code meridian_pii_detections_total{class,action}}: values of each PII data class found in requests, by the
 * action the policy took (mask, block, allow). Classes are a bounded set, the built-in ones plus the pattern names
 * in the configuration, so each label pair is a counter created on first use and cached. Thread-safe.
 */
final class PiiMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    PiiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one request's detections. */
    void count(PiiDetections detections) {
        detections.forEach((type, action, n) -> counters.computeIfAbsent(
                        List.of(type, action),
                        k -> Counter.builder("meridian_pii_detections")
                                .description("PII values found in requests, by data class and the action taken")
                                .tags("class", type, "action", action)
                                .register(registry))
                .increment(n));
    }
}
