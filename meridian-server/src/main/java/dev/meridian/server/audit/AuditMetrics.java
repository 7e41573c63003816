package dev.meridian.server.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The audit sinks' counters, tagged with the sink's name. */
final class AuditMetrics {
    private AuditMetrics() {}

    static Counter sent(MeterRegistry registry, String sink) {
        return Counter.builder("meridian_audit_sink_sent")
                .description("Audit entries a sink delivered")
                .tag("sink", sink)
                .register(registry);
    }

    static Counter failures(MeterRegistry registry, String sink) {
        return Counter.builder("meridian_audit_sink_failures")
                .description("Failed audit sink writes or deliveries (each is retried)")
                .tag("sink", sink)
                .register(registry);
    }

    static Counter dropped(MeterRegistry registry, String sink) {
        return Counter.builder("meridian_audit_sink_dropped")
                .description("Audit entries a sink dropped because its queue was full")
                .tag("sink", sink)
                .register(registry);
    }
}
